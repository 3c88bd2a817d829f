package com.phoneverify.interop.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What transfer-consent-service's database says after the run, read over JDBC as an
 * auditor would: every transfer with its postings by kind, and the ledger's invariants
 * (the ones {@code TransferConsentIntegrationTests.assertLedgerInvariants} checks).
 */
final class TransferBook {

	private final Postgres postgres;

	TransferBook(Postgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * A transfer as stored, with how many postings of each kind name it, its replies, how
	 * many had the right code, and (for an expired one) how many the relay had received
	 * before the expiry yet found it ended: a consent given in time that lost to the
	 * expiry sweep.
	 */
	record Row(String id, long amount, String state, String reason, Instant requestedAt, Instant expiresAt,
			Instant finishedAt, int holds, int releases, int settles, int evidence, int replies, int codesAccepted,
			int inTimeRepliesIgnored) {

		boolean isFinal() {
			return !this.state.equals("awaiting_consent") && !this.state.equals("awaiting_otp");
		}

		/**
		 * Money moved as the state says: one hold; an executed transfer one settle and no
		 * release, any other final one one release and no settle.
		 */
		boolean postingsAgree() {
			if (this.state.equals("executed")) {
				return this.holds == 1 && this.settles == 1 && this.releases == 0;
			}
			return this.holds == 1 && this.settles == 0 && this.releases == 1;
		}

	}

	/**
	 * The ledger's invariants: every balance sums to zero (opening balances come from the
	 * funding account), each balance equals the sum of its entries, every posting sums to
	 * zero, the escrow holds exactly the amounts awaiting consent, no customer below
	 * zero.
	 */
	record Invariants(long allBalances, long drifted, long unbalanced, long escrow, long held, long negative) {

		boolean hold() {
			return this.allBalances == 0 && this.drifted == 0 && this.unbalanced == 0 && this.escrow == this.held
					&& this.negative == 0;
		}

	}

	List<Row> transfers() {
		String sql = """
				SELECT t.id::text, t.amount, t.state, t.reason, t.requested_at, t.expires_at, t.finished_at,
				       (SELECT count(*) FROM transfer.postings p WHERE p.transfer_id = t.id AND p.kind = 'hold'),
				       (SELECT count(*) FROM transfer.postings p WHERE p.transfer_id = t.id AND p.kind = 'release'),
				       (SELECT count(*) FROM transfer.postings p WHERE p.transfer_id = t.id AND p.kind = 'settle'),
				       (SELECT count(*) FROM transfer.evidence e WHERE e.transfer_id = t.id),
				       (SELECT count(*) FROM transfer.replies r WHERE r.transfer_id = t.id),
				       (SELECT count(*) FROM transfer.replies r WHERE r.transfer_id = t.id AND r.outcome = 'code_accepted'),
				       (SELECT count(*) FROM transfer.replies r WHERE r.transfer_id = t.id AND r.outcome = 'after_end'
				          AND t.state = 'expired' AND r.received_at <= t.expires_at)
				FROM transfer.transfers t ORDER BY t.requested_at""";
		List<Row> rows = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				rows.add(new Row(result.getString(1), result.getLong(2), result.getString(3), result.getString(4),
						instant(result, 5), instant(result, 6), instant(result, 7), result.getInt(8), result.getInt(9),
						result.getInt(10), result.getInt(11), result.getInt(12), result.getInt(13), result.getInt(14)));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the transfers", ex);
		}
		return rows;
	}

	Invariants invariants() {
		String sql = """
				SELECT (SELECT coalesce(sum(balance), 0) FROM transfer.accounts),
				       (SELECT count(*) FROM transfer.accounts a WHERE a.balance <> (SELECT coalesce(sum(e.amount), 0)
				          FROM transfer.entries e WHERE e.account_number = a.account_number)),
				       (SELECT count(*) FROM (SELECT posting_id FROM transfer.entries GROUP BY posting_id
				          HAVING sum(amount) <> 0) p),
				       (SELECT balance FROM transfer.accounts WHERE account_number = 'SYS-ESCROW'),
				       (SELECT coalesce(sum(amount), 0) FROM transfer.transfers WHERE state = 'awaiting_consent'),
				       (SELECT count(*) FROM transfer.accounts WHERE kind <> 'funding' AND balance < 0)""";
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return new Invariants(result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4),
					result.getLong(5), result.getLong(6));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the ledger", ex);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.postgres.jdbcUrl(TransferCluster.TRANSFER_DATABASE), Postgres.USER,
				Postgres.PASSWORD);
	}

	private static Instant instant(ResultSet result, int column) throws SQLException {
		java.sql.Timestamp timestamp = result.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
