package com.phoneverify.transfer.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The service's Ed25519 evidence key (JDK, RFC 8032): signs documents; its public half
 * verifies them. Keys travel as Base64 of PKCS#8 (private) and X.509 (public) encodings;
 * the public key is also published as PEM.
 */
public final class EvidenceKeys {

	private final @Nullable PrivateKey privateKey;

	private final PublicKey publicKey;

	private EvidenceKeys(@Nullable PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
	}

	/**
	 * The signing pair; refuses a pair whose halves do not belong together.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static EvidenceKeys of(String base64PrivateKey, String base64PublicKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("Ed25519");
			PrivateKey privateKey = factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64PrivateKey.strip())));
			EvidenceKeys keys = new EvidenceKeys(privateKey, publicKey(base64PublicKey));
			byte[] probe = "evidence key check".getBytes(StandardCharsets.US_ASCII);
			if (!keys.verify(probe, keys.sign(probe))) {
				throw new IllegalArgumentException("the evidence public key does not belong to the private key");
			}
			return keys;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"evidence keys are not a Base64 Ed25519 PKCS#8/X.509 pair: " + ex.getMessage(), ex);
		}
	}

	/** A verifier only: the public key as Base64 X.509 or PEM. */
	public static EvidenceKeys verifier(String publicKey) {
		return new EvidenceKeys(null, publicKey(publicKey));
	}

	/** A new random pair (devstack and tests). */
	public static KeyPair generate() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available", ex);
		}
	}

	private static PublicKey publicKey(String text) {
		String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("Ed25519")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("not an Ed25519 public key (Base64 X.509 or PEM)", ex);
		}
	}

	public byte[] sign(byte[] data) {
		if (this.privateKey == null) {
			throw new IllegalStateException("a verifier cannot sign");
		}
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(data);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available", ex);
		}
	}

	public boolean verify(byte[] data, byte[] signatureBytes) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(this.publicKey);
			signature.update(data);
			return signature.verify(signatureBytes);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
	public String publicKeyPem() {
		return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(this.publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
	}

}
