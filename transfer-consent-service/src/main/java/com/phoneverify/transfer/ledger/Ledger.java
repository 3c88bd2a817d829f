package com.phoneverify.transfer.ledger;

import java.util.UUID;

import com.phoneverify.contracts.phone.PhoneNumber;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The accounts and the journal. Every method joins the caller's transaction. The store
 * guarantees what the domain relies on: a customer balance never below zero, every
 * posting balanced, the journal append-only.
 */
public interface Ledger {

	/** The account, or empty when there is none. */
	Mono<Account> account(AccountNumber number);

	/**
	 * Opens a customer account with an opening balance (posted from the funding account).
	 * @throws AccountExistsException (as an error signal) when the number is taken
	 */
	Mono<Void> open(AccountNumber number, String holderName, @Nullable PhoneNumber phone, PasswordHash.Stored password,
			long openingBalance);

	/**
	 * Moves {@code amount} won from one account to another as one balanced posting.
	 * @throws InsufficientFundsException (as an error signal) when {@code from} would go
	 * below zero; nothing is posted
	 */
	Mono<Void> post(@Nullable UUID transferId, PostingKind kind, AccountNumber from, AccountNumber to, long amount);

	/** Records a wrong password; locks the account at {@code maxFailures}. */
	Mono<Void> loginFailed(AccountNumber number, int maxFailures);

	/** Resets the wrong-password count after a right one. */
	Mono<Void> loginSucceeded(AccountNumber number);

	/** Why money moved. */
	enum PostingKind {

		/** An account's opening balance. */
		OPENING,
		/** Remitter → escrow when a transfer is requested. */
		HOLD,
		/** Escrow → remitter when it is declined, expires, fails or is canceled. */
		RELEASE,
		/** Escrow → recipient when it executes. */
		SETTLE

	}

	/** The remitter's account has less than the amount. */
	final class InsufficientFundsException extends RuntimeException {

		public InsufficientFundsException() {
			super("insufficient funds");
		}

	}

	/** An account with that number exists already. */
	final class AccountExistsException extends RuntimeException {

		public AccountExistsException() {
			super("account exists");
		}

	}

}
