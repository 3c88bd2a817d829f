package com.phoneverify.gateway.merchant;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;

/** An API key just issued, with its secret, which is shown this once. */
public record NewApiKey(MerchantId merchantId, String keyId, String secret, Instant createdAt) {

	@Override
	public String toString() {
		return "NewApiKey[merchantId=" + this.merchantId + ", keyId=" + this.keyId + "]";
	}

}
