package com.phoneverify.sms.outbound;

import com.phoneverify.contracts.sealed.SealedValue;

/**
 * A sealed value as one database column: {@code keyId nonce ciphertext} (Base64 has no
 * spaces). The number and text of a request are stored exactly as they came, sealed.
 */
final class StoredSeal {

	private StoredSeal() {
	}

	static String write(SealedValue value) {
		return value.keyId() + " " + value.nonce() + " " + value.ciphertext();
	}

	static SealedValue read(String column) {
		String[] parts = column.split(" ", 3);
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a stored sealed value");
		}
		return new SealedValue(parts[0], parts[1], parts[2]);
	}

}
