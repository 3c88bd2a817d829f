package com.phoneverify.gateway.merchant;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;

/**
 * A merchant just created, with its secrets: the only time they are shown.
 *
 * @param keyId the API key id ({@code pk_…})
 * @param secret the API secret that signs requests
 * @param webhookSecret the secret that signs webhooks sent to this merchant
 */
public record NewMerchant(MerchantId merchantId, String name, String keyId, String secret, String webhookSecret,
		Instant createdAt) {

	@Override
	public String toString() {
		return "NewMerchant[merchantId=" + this.merchantId + ", keyId=" + this.keyId + "]";
	}

}
