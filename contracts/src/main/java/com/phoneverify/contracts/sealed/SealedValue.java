package com.phoneverify.contracts.sealed;

/**
 * A value encrypted with AES-256-GCM. {@code nonce} (12 bytes) and {@code ciphertext}
 * (with its 16-byte tag) are Base64. The associated data ({@code <id>/<field>}, the id
 * being the event's key: a verification, transfer or message id) binds the value to the
 * event and the field it belongs to, so a sealed phone number cannot be replayed as
 * another verification's code.
 */
public record SealedValue(String keyId, String nonce, String ciphertext) {

	public SealedValue {
		if (keyId == null || keyId.isBlank() || nonce == null || ciphertext == null) {
			throw new IllegalArgumentException("a sealed value needs a key id, a nonce and a ciphertext");
		}
	}

	/**
	 * Never prints the ciphertext: a sealed value in a log line says only which key
	 * sealed it.
	 */
	@Override
	public String toString() {
		return "SealedValue[keyId=" + this.keyId + "]";
	}

}
