package com.phoneverify.transfer.evidence;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.consent.NameCheck;
import com.phoneverify.transfer.consent.Purpose;
import com.phoneverify.transfer.consent.Transfer;
import com.phoneverify.transfer.consent.TransferMode;
import com.phoneverify.transfer.consent.TransferState;
import com.phoneverify.transfer.consent.TransferStore;
import com.phoneverify.transfer.ledger.AccountNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EvidenceTests {

	private static final KeyPair pair = EvidenceKeys.generate();

	private static final EvidenceKeys keys = EvidenceKeys.of(
			Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
			Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));

	private static final byte[] SALT = new byte[16];

	@TempDir
	Path dir;

	@Test
	void canonicalJsonSortsMembersEscapesMinimallyAndRoundTrips() {
		Map<String, Object> value = new TreeMap<>();
		value.put("b", List.of(1L, true, "x"));
		value.put("a", "줄\n\"따옴표\"\u0001/");
		value.put("c", null);
		String text = CanonicalJson.write(value);
		assertThat(text).isEqualTo("{\"a\":\"줄\\n\\\"따옴표\\\"\\u0001/\",\"b\":[1,true,\"x\"],\"c\":null}");
		assertThat(CanonicalJson.write(CanonicalJson.parse(text))).isEqualTo(text);
		assertThat(CanonicalJson.write(
				CanonicalJson.parse(" { \"c\" : null , \"b\":[1 ,true,\"x\"],\"a\":\"줄\\n\\\"따옴표\\\"\\u0001\\/\"} ")))
			.isEqualTo(text);
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.parse("{\"a\":1.5}"));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}"));
	}

	@Test
	void aDocumentShowsPersonalDataOnlyMaskedAndCommitted() {
		Map<String, Object> doc = document(1, SignedEvidence.GENESIS);
		String text = CanonicalJson.write(doc);
		assertThat(text).doesNotContain("01055501234")
			.doesNotContain("+821055501234")
			.doesNotContain("1002003004005")
			.doesNotContain("홍길동")
			.contains("홍*동")
			.contains("+82 10-****-1234");
		@SuppressWarnings("unchecked")
		Map<String, Object> sender = (Map<String, Object>) doc.get("replySender");
		assertThat(sender.get("phoneCommitment"))
			.isEqualTo(EvidenceDocuments.commitment(SALT, "replySender.phone", "+821055501234"));
	}

	@Test
	void theVerifierAcceptsAChainAndRejectsTamperingAndBrokenLinks() throws Exception {
		SignedEvidence first = SignedEvidence.sign(document(1, SignedEvidence.GENESIS), keys);
		SignedEvidence second = SignedEvidence.sign(document(2, first.sha256()), keys);
		Path key = Files.writeString(this.dir.resolve("key.pem"), keys.publicKeyPem());
		Path one = write("1.json", first.toJson());
		Path two = write("2.json", second.toJson());

		assertThat(run(key, one, two)).isZero();

		// a changed amount: the hash and the signature no longer hold
		Path tampered = write("t.json", second.toJson().replace("\"amount\":500000", "\"amount\":5000000"));
		assertThat(tampered).content().contains("5000000");
		assertThat(run(key, one, tampered)).isEqualTo(1);
		// a re-hashed forgery: the signature still fails
		Map<String, Object> forged = new TreeMap<>(second.document());
		forged.put("issuedAt", "2020-01-01T00:00:00Z");
		String forgedHash = SignedEvidence.sha256(CanonicalJson.write(forged).getBytes(StandardCharsets.UTF_8));
		assertThat(run(key, one, write("f.json", new SignedEvidence(forged, forgedHash, second.signature()).toJson())))
			.isEqualTo(1);
		// out of order: the link breaks
		assertThat(run(key, two, one)).isEqualTo(1);
		// another key: nothing verifies
		Path otherKey = Files.writeString(this.dir.resolve("other.pem"),
				EvidenceKeys
					.verifier(Base64.getEncoder().encodeToString(EvidenceKeys.generate().getPublic().getEncoded()))
					.publicKeyPem());
		assertThat(run(otherKey, one)).isEqualTo(1);
		assertThat(run(key)).isEqualTo(2);
	}

	@Test
	void mismatchedKeyHalvesAreRefused() {
		KeyPair other = EvidenceKeys.generate();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EvidenceKeys.of(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
					Base64.getEncoder().encodeToString(other.getPublic().getEncoded())));
	}

	private Path write(String name, String text) throws Exception {
		return Files.writeString(this.dir.resolve(name), text, StandardCharsets.UTF_8);
	}

	private static int run(Path... files) {
		String[] args = java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new);
		return VerifyEvidence.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
	}

	private static Map<String, Object> document(long sequence, String previous) {
		Instant t0 = Instant.parse("2026-11-30T03:00:00Z");
		PhoneNumber phone = PhoneNumber.parse("010-5550-1234");
		Transfer transfer = new Transfer(TransferId.random(), TransferMode.MUTUAL_CONSENT,
				new Purpose(Purpose.Type.LOAN, LocalDate.parse("2027-01-31"), "무이자"),
				new AccountNumber("1002003004005"), "999", new AccountNumber("1002003004006"), 500_000, phone,
				NameCheck.match(), TransferState.EXECUTED, null, new byte[32], 1, null, t0, t0.plusSeconds(600),
				t0.plusSeconds(30), t0.plusSeconds(31), null);
		return EvidenceDocuments.build(transfer, "김송금", "홍길동",
				List.of(new TransferStore.ReplyRecord(t0.plusSeconds(20), phone.masked(), "code_wrong"),
						new TransferStore.ReplyRecord(t0.plusSeconds(30), phone.masked(), "code_accepted")),
				phone, null, t0.plusSeconds(31), sequence, previous, SALT);
	}

}
