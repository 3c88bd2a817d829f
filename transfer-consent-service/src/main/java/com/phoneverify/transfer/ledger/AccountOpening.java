package com.phoneverify.transfer.ledger;

import com.phoneverify.contracts.phone.PhoneNumber;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Opens a customer account: the password hashed off the event loop, the account and its
 * opening posting in one transaction.
 */
public final class AccountOpening {

	private final Ledger ledger;

	private final PasswordHash passwords;

	private final Scheduler hashing;

	private final TransactionalOperator tx;

	public AccountOpening(Ledger ledger, PasswordHash passwords, Scheduler hashing, TransactionalOperator tx) {
		this.ledger = ledger;
		this.passwords = passwords;
		this.hashing = hashing;
		this.tx = tx;
	}

	public Mono<Account> open(AccountNumber number, String holderName, @Nullable PhoneNumber phone, String password,
			long openingBalance) {
		return Mono.fromCallable(() -> this.passwords.hash(password))
			.subscribeOn(this.hashing)
			.flatMap((hash) -> this.tx.transactional(this.ledger.open(number, holderName, phone, hash, openingBalance)
				.then(this.ledger.account(number))));
	}

}
