package com.phoneverify.transfer.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.consent.ArsCall;
import com.phoneverify.transfer.consent.Purpose;
import com.phoneverify.transfer.consent.Transfer;
import com.phoneverify.transfer.consent.TransferStore;
import org.jspecify.annotations.Nullable;

/**
 * The content of an evidence document. Personal data (account numbers, holder names,
 * phone numbers) is never in it in clear: each is shown masked, next to a salted SHA-256
 * commitment {@code sha256(salt ‖ 0x00 ‖ field ‖ 0x00 ‖ value)} in hex. The salt (16
 * random bytes per document) stays in our database. So a downloaded document discloses
 * nothing, yet proves the numbers later: the bank reveals a value and the salt to whoever
 * must decide (a court, an investigator tracing a fraudulent recipient, which the paper
 * names as the point of keeping the reply's sender number), and anyone recomputes the
 * commitment in the signed document. A sealed (encrypted) number would prove nothing
 * without trusting whoever holds the key, and would not survive a lost key.
 */
public final class EvidenceDocuments {

	/** The format name written in every document. */
	public static final String FORMAT = "phoneverify-2way-evidence/1";

	private EvidenceDocuments() {
	}

	/**
	 * @param sequence the document's place in the chain (1 for the first)
	 * @param previousSha256 the hash of the document before it
	 * @param salt the commitments' salt
	 */
	public static Map<String, Object> build(Transfer t, String remitterName, String recipientName,
			List<TransferStore.ReplyRecord> replies, @Nullable PhoneNumber replySender, @Nullable ArsCall arsCall,
			Instant issuedAt, long sequence, String previousSha256, byte[] salt) {
		Commitments commit = new Commitments(salt);
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("format", FORMAT);
		doc.put("sequence", sequence);
		doc.put("previousSha256", previousSha256);
		doc.put("transferId", t.id().toString());
		doc.put("issuedAt", issuedAt.toString());

		Map<String, Object> terms = new LinkedHashMap<>();
		terms.put("mode", lower(t.mode()));
		terms.put("amount", t.amount());
		terms.put("currency", "KRW");
		terms.put("toBank", t.toBank());
		Purpose purpose = t.purpose();
		if (purpose != null) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("type", lower(purpose.type()));
			p.put("repaymentDate", (purpose.repaymentDate() != null) ? purpose.repaymentDate().toString() : null);
			p.put("conditions", purpose.conditions());
			terms.put("purpose", p);
		}
		else {
			terms.put("purpose", null);
		}
		terms.put("remitter", party(commit, "remitter", t.from().value(), t.from().masked(), remitterName, null));
		terms.put("recipient",
				party(commit, "recipient", t.to().value(), t.to().masked(), recipientName, t.recipientPhone()));
		doc.put("terms", terms);

		doc.put("nameCheck", (t.nameCheck() != null) ? lower(t.nameCheck().result()) : null);

		Map<String, Object> codeCheck = new LinkedHashMap<>();
		codeCheck.put("required", t.mode().needsConsent());
		codeCheck.put("wrongCodes", (long) t.wrongCodes());
		List<Object> replyList = new ArrayList<>();
		for (TransferStore.ReplyRecord reply : replies) {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("receivedAt", reply.receivedAt().toString());
			r.put("sender", reply.senderMasked());
			r.put("outcome", reply.outcome());
			replyList.add(r);
		}
		codeCheck.put("replies", replyList);
		doc.put("codeCheck", codeCheck);

		if (replySender != null) {
			Map<String, Object> sender = new LinkedHashMap<>();
			sender.put("phone", replySender.masked());
			sender.put("phoneCommitment", commit.of("replySender.phone", replySender.e164()));
			sender.put("isRecipientPhone", replySender.equals(t.recipientPhone()));
			doc.put("replySender", sender);
		}
		else {
			doc.put("replySender", null);
		}

		doc.put("arsCall", (arsCall != null) ? arsCall(arsCall) : null);
		doc.put("decidedBy", decidedBy(replySender, arsCall));

		Map<String, Object> times = new LinkedHashMap<>();
		times.put("requestedAt", t.requestedAt().toString());
		times.put("consentExpiresAt", (t.expiresAt() != null) ? t.expiresAt().toString() : null);
		times.put("repliedAt", (t.repliedAt() != null) ? t.repliedAt().toString() : null);
		times.put("finishedAt", (t.finishedAt() != null) ? t.finishedAt().toString() : null);
		doc.put("timestamps", times);

		Map<String, Object> outcome = new LinkedHashMap<>();
		outcome.put("state", lower(t.state()));
		outcome.put("reason", t.reason());
		doc.put("outcome", outcome);
		return doc;
	}

	/**
	 * The ARS fallback call (scenario E), when one was asked for: how it ended and its
	 * timings, never the number or the key.
	 */
	private static Map<String, Object> arsCall(ArsCall call) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("verificationId", call.verificationId().toString());
		c.put("requestedAt", call.requestedAt().toString());
		c.put("endedAt", (call.endedAt() != null) ? call.endedAt().toString() : null);
		c.put("outcome", call.outcome());
		c.put("scenarioResult", call.scenarioResult());
		c.put("sipStatus", (call.sipStatus() != null) ? (long) call.sipStatus() : null);
		c.put("ringingMillis", call.ringingMillis());
		c.put("answerMillis", call.answerMillis());
		c.put("totalMillis", call.totalMillis());
		c.put("decided", call.decided());
		return c;
	}

	/**
	 * How the recipient's answer that ended the transfer came: by SMS reply, by ARS call,
	 * or none.
	 */
	private static @Nullable String decidedBy(@Nullable PhoneNumber replySender, @Nullable ArsCall arsCall) {
		if (arsCall != null && arsCall.decided()) {
			return "ars_call";
		}
		return (replySender != null) ? "sms_reply" : null;
	}

	private static Map<String, Object> party(Commitments commit, String role, String account, String accountMasked,
			String name, @Nullable PhoneNumber phone) {
		Map<String, Object> party = new LinkedHashMap<>();
		party.put("account", accountMasked);
		party.put("accountCommitment", commit.of(role + ".account", account));
		party.put("name", maskName(name));
		party.put("nameCommitment", commit.of(role + ".name", name));
		if (phone != null) {
			party.put("phone", phone.masked());
			party.put("phoneCommitment", commit.of(role + ".phone", phone.e164()));
		}
		return party;
	}

	/**
	 * The commitment to a value, as a verifier recomputes it from the revealed value and
	 * salt.
	 */
	public static String commitment(byte[] salt, String field, String value) {
		byte[] fieldBytes = field.getBytes(StandardCharsets.UTF_8);
		byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
		byte[] input = new byte[salt.length + 1 + fieldBytes.length + 1 + valueBytes.length];
		System.arraycopy(salt, 0, input, 0, salt.length);
		System.arraycopy(fieldBytes, 0, input, salt.length + 1, fieldBytes.length);
		System.arraycopy(valueBytes, 0, input, salt.length + 2 + fieldBytes.length, valueBytes.length);
		return SignedEvidence.sha256(input);
	}

	private record Commitments(byte[] salt) {

		String of(String field, String value) {
			return commitment(this.salt, field, value);
		}

	}

	static String maskName(String name) {
		int[] points = name.strip().codePoints().toArray();
		if (points.length <= 1) {
			return "*";
		}
		StringBuilder masked = new StringBuilder().appendCodePoint(points[0]);
		masked.append("*".repeat(Math.max(1, points.length - 2)));
		if (points.length > 2) {
			masked.appendCodePoint(points[points.length - 1]);
		}
		return masked.toString();
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
