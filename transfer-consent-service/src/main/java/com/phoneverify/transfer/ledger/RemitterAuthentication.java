package com.phoneverify.transfer.ledger;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Checks the remitter's account password (step ② of the 2-WAY model): a slow salted hash
 * computed on a scheduler of its own, consecutive failures counted and the account locked
 * at the limit. A locked account answers as locked even with the right password.
 */
public final class RemitterAuthentication {

	private final Ledger ledger;

	private final int maxFailures;

	private final Scheduler hashing;

	public RemitterAuthentication(Ledger ledger, int maxFailures, Scheduler hashing) {
		this.ledger = ledger;
		this.maxFailures = maxFailures;
		this.hashing = hashing;
	}

	/**
	 * The remitter's account when the password is right.
	 * @throws UnknownAccountException, AuthenticationFailedException or
	 * AccountLockedException as error signals
	 */
	public Mono<Account> authenticate(AccountNumber number, String password) {
		return this.ledger.account(number)
			.switchIfEmpty(Mono.error(() -> new UnknownAccountException("fromAccount")))
			.flatMap((account) -> {
				if (account.locked()) {
					return Mono.error(new AccountLockedException());
				}
				PasswordHash.Stored stored = account.password();
				if (stored == null) {
					return Mono.error(new AuthenticationFailedException(0));
				}
				return Mono.fromCallable(() -> PasswordHash.matches(password, stored))
					.subscribeOn(this.hashing)
					.flatMap((right) -> right ? this.ledger.loginSucceeded(number).thenReturn(account)
							: this.ledger.loginFailed(number, this.maxFailures)
								.then(Mono.error(new AuthenticationFailedException(
										Math.max(0, this.maxFailures - account.failedLogins() - 1)))));
			});
	}

	/** No account has that number. */
	public static final class UnknownAccountException extends RuntimeException {

		private final String field;

		public UnknownAccountException(String field) {
			super("no such account: " + field);
			this.field = field;
		}

		/** Which request field named it. */
		public String field() {
			return this.field;
		}

	}

	/** The password is wrong. */
	public static final class AuthenticationFailedException extends RuntimeException {

		private final int attemptsLeft;

		public AuthenticationFailedException(int attemptsLeft) {
			super("wrong account password");
			this.attemptsLeft = attemptsLeft;
		}

		public int attemptsLeft() {
			return this.attemptsLeft;
		}

	}

	/** Too many wrong passwords locked the account. */
	public static final class AccountLockedException extends RuntimeException {

		public AccountLockedException() {
			super("account locked after too many wrong passwords");
		}

	}

}
