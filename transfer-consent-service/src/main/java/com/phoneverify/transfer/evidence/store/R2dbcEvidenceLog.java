package com.phoneverify.transfer.evidence.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.consent.EvidenceLog;
import com.phoneverify.transfer.consent.ArsCall;
import com.phoneverify.transfer.consent.Transfer;
import com.phoneverify.transfer.consent.TransferStore;
import com.phoneverify.transfer.evidence.CanonicalJson;
import com.phoneverify.transfer.evidence.EvidenceDocuments;
import com.phoneverify.transfer.evidence.EvidenceKeys;
import com.phoneverify.transfer.evidence.SignedEvidence;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The evidence chain in {@code transfer.evidence}. Appending locks the one head row, so
 * documents get consecutive sequence numbers and each names its predecessor's hash, in
 * the order their transactions commit; a rolled-back transfer leaves no gap.
 */
final class R2dbcEvidenceLog implements EvidenceLog, EvidenceArchive {

	private static final SecureRandom random = new SecureRandom();

	private final DatabaseClient db;

	private final EvidenceKeys keys;

	R2dbcEvidenceLog(DatabaseClient db, EvidenceKeys keys) {
		this.db = db;
		this.keys = keys;
	}

	@Override
	public Mono<String> append(Transfer finished, String remitterName, String recipientName,
			List<TransferStore.ReplyRecord> replies, @Nullable PhoneNumber replySender, @Nullable ArsCall arsCall,
			Instant issuedAt) {
		return this.db.sql("SELECT sequence, sha256 FROM transfer.evidence_head WHERE id = 1 FOR UPDATE")
			.map((row) -> Map.entry(row.get("sequence", Long.class), row.get("sha256", String.class)))
			.one()
			.flatMap((head) -> {
				byte[] salt = new byte[16];
				random.nextBytes(salt);
				long sequence = head.getKey() + 1;
				Map<String, Object> document = EvidenceDocuments.build(finished, remitterName, recipientName, replies,
						replySender, arsCall, issuedAt, sequence, head.getValue(), salt);
				SignedEvidence signed = SignedEvidence.sign(document, this.keys);
				return this.db
					.sql("INSERT INTO transfer.evidence (sequence, transfer_id, document, sha256, previous_hash, "
							+ "signature, salt, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
					.bind(0, sequence)
					.bind(1, finished.id().value())
					.bind(2, CanonicalJson.write(document))
					.bind(3, signed.sha256())
					.bind(4, head.getValue())
					.bind(5, signed.signature())
					.bind(6, salt)
					.bind(7, issuedAt.atOffset(ZoneOffset.UTC))
					.then()
					.then(this.db.sql("UPDATE transfer.evidence_head SET sequence = $1, sha256 = $2 WHERE id = 1")
						.bind(0, sequence)
						.bind(1, signed.sha256())
						.then())
					.thenReturn(signed.toJson());
			});
	}

	@Override
	@SuppressWarnings("unchecked")
	public Mono<SignedEvidence> find(TransferId id) {
		return this.db.sql("SELECT document, sha256, signature FROM transfer.evidence WHERE transfer_id = $1")
			.bind(0, id.value())
			.map((row) -> new SignedEvidence(
					(Map<String, Object>) CanonicalJson.parse(row.get("document", String.class)),
					row.get("sha256", String.class), row.get("signature", String.class)))
			.one();
	}

}
