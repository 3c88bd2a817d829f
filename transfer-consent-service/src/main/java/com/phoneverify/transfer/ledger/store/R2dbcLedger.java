package com.phoneverify.transfer.ledger.store;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.messaging.support.Rows;
import com.phoneverify.transfer.ledger.Account;
import com.phoneverify.transfer.ledger.AccountNumber;
import com.phoneverify.transfer.ledger.Ledger;
import com.phoneverify.transfer.ledger.PasswordHash;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@link Ledger} on {@code transfer.accounts}, {@code transfer.postings} and
 * {@code transfer.entries}. A posting is one statement: the posting row and its two
 * entries, the entries in account-number order, so that concurrent postings lock account
 * rows in one global order and cannot deadlock. The database keeps the invariants: a
 * trigger moves the balance with each entry, a check constraint keeps customer balances
 * at or above zero, and a deferred constraint trigger refuses a commit with an unbalanced
 * posting.
 */
final class R2dbcLedger implements Ledger {

	private static final String BALANCE_CONSTRAINT = "accounts_balance_never_negative";

	private static final String POST = """
			WITH posting AS (
			  INSERT INTO transfer.postings (transfer_id, kind) VALUES ($1, $2) RETURNING id
			)
			INSERT INTO transfer.entries (posting_id, account_number, amount)
			SELECT posting.id, line.account_number, line.amount
			FROM posting, (VALUES ($3, $4::bigint), ($5, $6::bigint)) AS line (account_number, amount)
			ORDER BY line.account_number
			""";

	private final DatabaseClient db;

	R2dbcLedger(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Account> account(AccountNumber number) {
		return this.db
			.sql("SELECT account_number, holder_name, phone, balance, password_hash, password_salt, "
					+ "password_iterations, failed_logins, locked_at FROM transfer.accounts "
					+ "WHERE account_number = $1 AND kind = 'customer'")
			.bind(0, number.value())
			.map((row) -> account(row))
			.one();
	}

	private static Account account(Readable row) {
		String phone = row.get("phone", String.class);
		Object hash = row.get("password_hash");
		PasswordHash.Stored password = (hash != null) ? new PasswordHash.Stored(Rows.bytes(hash),
				Rows.bytes(row.get("password_salt")), row.get("password_iterations", Integer.class)) : null;
		Instant lockedAt = Rows.instant(row.get("locked_at"));
		return new Account(new AccountNumber(row.get("account_number", String.class)),
				row.get("holder_name", String.class), (phone != null) ? PhoneNumber.parse(phone) : null,
				row.get("balance", Long.class), password, row.get("failed_logins", Integer.class), lockedAt);
	}

	@Override
	public Mono<Void> open(AccountNumber number, String holderName, @Nullable PhoneNumber phone,
			PasswordHash.Stored password, long openingBalance) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("INSERT INTO transfer.accounts (account_number, holder_name, phone, password_hash, password_salt, "
					+ "password_iterations) VALUES ($1, $2, $3, $4, $5, $6)")
			.bind(0, number.value())
			.bind(1, holderName);
		insert = (phone != null) ? insert.bind(2, phone.e164()) : insert.bindNull(2, String.class);
		Mono<Void> opened = insert.bind(3, password.hash())
			.bind(4, password.salt())
			.bind(5, password.iterations())
			.then()
			.onErrorMap(DuplicateKeyException.class, (ex) -> new AccountExistsException());
		return (openingBalance > 0)
				? opened.then(post(null, PostingKind.OPENING, AccountNumber.FUNDING, number, openingBalance)) : opened;
	}

	@Override
	public Mono<Void> post(@Nullable UUID transferId, PostingKind kind, AccountNumber from, AccountNumber to,
			long amount) {
		if (amount <= 0) {
			return Mono.error(new IllegalArgumentException("a posting moves a positive amount"));
		}
		DatabaseClient.GenericExecuteSpec insert = this.db.sql(POST);
		insert = (transferId != null) ? insert.bind(0, transferId) : insert.bindNull(0, UUID.class);
		return insert.bind(1, kind.name().toLowerCase(Locale.ROOT))
			.bind(2, from.value())
			.bind(3, -amount)
			.bind(4, to.value())
			.bind(5, amount)
			.then()
			.onErrorMap(R2dbcLedger::insufficientFunds, (ex) -> new InsufficientFundsException());
	}

	private static boolean insufficientFunds(Throwable error) {
		return (error instanceof DataIntegrityViolationException) && error.getMessage() != null
				&& error.getMessage().contains(BALANCE_CONSTRAINT);
	}

	@Override
	public Mono<Void> loginFailed(AccountNumber number, int maxFailures) {
		return this.db
			.sql("UPDATE transfer.accounts SET failed_logins = failed_logins + 1, locked_at = CASE "
					+ "WHEN failed_logins + 1 >= $2 THEN now() ELSE locked_at END WHERE account_number = $1")
			.bind(0, number.value())
			.bind(1, maxFailures)
			.then();
	}

	@Override
	public Mono<Void> loginSucceeded(AccountNumber number) {
		return this.db
			.sql("UPDATE transfer.accounts SET failed_logins = 0 WHERE account_number = $1 AND failed_logins > 0")
			.bind(0, number.value())
			.then();
	}

}
