package com.phoneverify.transfer.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * An evidence file as downloaded:
 *
 * <pre>
 * {"algorithm":"Ed25519","document":{…},"sha256":"&lt;hex of SHA-256 of the canonical document&gt;",
 *  "signature":"&lt;Base64 Ed25519 signature of the canonical document&gt;"}
 * </pre>
 *
 * The document holds {@code sequence} and {@code previousSha256}: the hash of the
 * document before it in the service's chain ({@code 0} × 64 before the first).
 */
public record SignedEvidence(Map<String, Object> document, String sha256, String signature) {

	public static final String GENESIS = "0".repeat(64);

	/** Canonicalizes, hashes and signs a document. */
	public static SignedEvidence sign(Map<String, Object> document, EvidenceKeys keys) {
		byte[] canonical = CanonicalJson.write(document).getBytes(StandardCharsets.UTF_8);
		return new SignedEvidence(document, sha256(canonical),
				Base64.getEncoder().encodeToString(keys.sign(canonical)));
	}

	/** The file's text (canonical JSON too). */
	public String toJson() {
		Map<String, Object> file = new TreeMap<>();
		file.put("algorithm", "Ed25519");
		file.put("document", this.document);
		file.put("sha256", this.sha256);
		file.put("signature", this.signature);
		return CanonicalJson.write(file);
	}

	/**
	 * Reads an evidence file.
	 * @throws IllegalArgumentException when it is not one
	 */
	@SuppressWarnings("unchecked")
	public static SignedEvidence parse(String json) {
		if (!(CanonicalJson.parse(json) instanceof Map<?, ?> file) || !(file.get("document") instanceof Map<?, ?> doc)
				|| !(file.get("sha256") instanceof String hash) || !(file.get("signature") instanceof String sig)) {
			throw new IllegalArgumentException("not an evidence file: needs document, sha256 and signature");
		}
		if (!"Ed25519".equals(file.get("algorithm"))) {
			throw new IllegalArgumentException("unknown signature algorithm " + file.get("algorithm"));
		}
		return new SignedEvidence((Map<String, Object>) doc, hash, sig);
	}

	/** What is wrong with this file, or an empty list when hash and signature hold. */
	public List<String> problems(EvidenceKeys keys) {
		List<String> problems = new ArrayList<>();
		byte[] canonical = CanonicalJson.write(this.document).getBytes(StandardCharsets.UTF_8);
		if (!sha256(canonical).equals(this.sha256)) {
			problems.add("the document's SHA-256 is not the one recorded: the document was changed");
		}
		byte[] signatureBytes;
		try {
			signatureBytes = Base64.getDecoder().decode(this.signature);
		}
		catch (IllegalArgumentException ex) {
			signatureBytes = new byte[0];
		}
		if (!keys.verify(canonical, signatureBytes)) {
			problems.add("the Ed25519 signature does not verify with this public key");
		}
		return problems;
	}

	public @Nullable Long sequence() {
		return (this.document.get("sequence") instanceof Long sequence) ? sequence : null;
	}

	public @Nullable String previousSha256() {
		return (this.document.get("previousSha256") instanceof String previous) ? previous : null;
	}

	static String sha256(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
