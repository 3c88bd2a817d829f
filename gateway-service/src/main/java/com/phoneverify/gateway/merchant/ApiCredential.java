package com.phoneverify.gateway.merchant;

import com.phoneverify.contracts.MerchantId;

/**
 * An API key of a merchant with its decrypted secret. Lives only in memory;
 * {@link #toString()} never prints the secret.
 *
 * @param keyId the public key id, as in the {@code Authorization} header
 * @param secret the HMAC secret as issued (Base64url text)
 */
public record ApiCredential(String keyId, MerchantId merchantId, String secret) {

	@Override
	public String toString() {
		return "ApiCredential[keyId=" + this.keyId + ", merchantId=" + this.merchantId + "]";
	}

}
