package com.phoneverify.transfer.settings;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.phoneverify.transfer.consent.TransferMode;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of transfer-consent-service (prefix {@code transfer}).
 *
 * @param bankCode the code of this bank: a transfer's {@code toBank} must name it (the
 * service moves money between its own accounts); default {@code 999}
 * @param limits what a transfer may be
 * @param authentication the remitter's account password
 * @param consent the 2-WAY consent request
 * @param sms how the consent and result messages are sent
 * @param telco the telco's name check of the recipient phone
 * @param sealing the events key ring (sealed phone numbers and texts on the SMS topics)
 * @param codes how one-time codes are stored
 * @param evidence the key that signs evidence documents
 * @param otp when a transfer needs the remitter's OTP (verified by otp-service)
 */
@ConfigurationProperties("transfer")
public record TransferProperties(@DefaultValue("999") String bankCode, @DefaultValue Limits limits,
		@DefaultValue Authentication authentication, @DefaultValue Consent consent, @DefaultValue Sms sms,
		@DefaultValue Telco telco, @DefaultValue Sealing sealing, @DefaultValue Codes codes,
		@DefaultValue Evidence evidence, @DefaultValue Otp otp) {

	/**
	 * Which transfers need the remitter's OTP, a code bound (OCRA) to the recipient
	 * account and the amount and verified by otp-service over Kafka. Off by default.
	 *
	 * @param requiredAbove amounts above this (won) need it in every mode; default none
	 * @param requiredFor per mode, whether it always needs it (e.g.
	 * {@code transfer.otp.required-for.MUTUAL_CONSENT=true}); default none
	 * @param merchantId the merchant under which this bank's customers' OTPs are
	 * registered at otp-service; default {@code bank}
	 */
	public record Otp(@Nullable Long requiredAbove, @DefaultValue Map<TransferMode, Boolean> requiredFor,
			@DefaultValue("bank") String merchantId) {

		/** The modes whose flag is set. */
		public Set<TransferMode> modes() {
			Set<TransferMode> modes = EnumSet.noneOf(TransferMode.class);
			this.requiredFor.forEach((mode, required) -> {
				if (Boolean.TRUE.equals(required)) {
					modes.add(mode);
				}
			});
			return modes;
		}

	}

	/**
	 * @param maxAmount the largest amount of one transfer, in won; default 5,000,000 (a
	 * Korean bank's usual one-time limit without a hardware OTP)
	 */
	public record Limits(@DefaultValue("5000000") long maxAmount) {
	}

	/**
	 * @param iterations PBKDF2-HMAC-SHA256 iterations of a new password hash; default
	 * 600,000 (OWASP 2023); stored per account, so raising it affects new passwords only
	 * @param maxFailures consecutive wrong passwords that lock the account; default 5
	 */
	public record Authentication(@DefaultValue("600000") int iterations, @DefaultValue("5") int maxFailures) {
	}

	/**
	 * @param expiry how long the recipient has to reply; default 10 min
	 * @param maxWrongCodes wrong codes from the recipient's number that end the transfer
	 * as failed; default 3
	 * @param codeLength digits of the one-time code; default 6
	 * @param sweepInterval how often transfers past their expiry are released; default 5
	 * s
	 * @param declineWords replies that refuse (compared after Unicode NFKC and case
	 * folding, as whole words); default {@code 거절, 거부, 아니오, 아니요, NO, N, DECLINE}
	 * @param arsFallbackAfter how long after its request a transfer still awaiting the
	 * SMS reply is offered an ARS call instead (ars-call-service's scenario E: 1 agrees,
	 * 2 refuses; the SMS reply still works); once per transfer, checked every
	 * {@code sweepInterval}; default 2 min; {@code 0} turns the fallback off
	 * @param arsMerchantId the merchant the ARS calls of this service's own transfers are
	 * placed for (ars-call-service's channel quota and destination list); a gateway
	 * transfer's call is placed for its merchant; default {@code bank}
	 * @param expiryGrace how long after the expiry the sweep leaves a transfer awaiting
	 * consent, so that a reply the relay received before the expiry, but which this
	 * service consumes after it (it was down, or its consumers were rejoining), still
	 * decides; a reply received after the expiry never does; default 10 s (below the
	 * gateway's {@code gateway.verification.expiry-grace}, 15 s, so that the gateway
	 * hears the decision before it expires the transfer on its side)
	 */
	public record Consent(@DefaultValue("10m") Duration expiry, @DefaultValue("3") int maxWrongCodes,
			@DefaultValue("6") int codeLength, @DefaultValue("5s") Duration sweepInterval, @DefaultValue( {
					"거절", "거부", "아니오", "아니요", "NO", "N", "DECLINE" }) List<String> declineWords,
			@DefaultValue("2m") Duration arsFallbackAfter, @DefaultValue("bank") String arsMerchantId,
			@DefaultValue("10s") Duration expiryGrace){
	}

	/**
	 * @param senderNumber the 2-WAY service number the SMS come from and the replies go
	 * to; must be registered with sms-relay-service; default {@code 16005000}
	 */
	public record Sms(@DefaultValue("16005000") String senderNumber) {
	}

	/**
	 * @param baseUrl the telco name-check API; default {@code http://127.0.0.1:8095}
	 * @param timeout how long a name check may take before the transfer is refused as
	 * unavailable; default 3 s
	 */
	public record Telco(@DefaultValue("http://127.0.0.1:8095") URI baseUrl, @DefaultValue("3s") Duration timeout) {
	}

	/**
	 * The events key ring, as {@code ars.sealing} and the gateway's
	 * {@code gateway.sealing.events}: no default.
	 *
	 * @param keys key id → Base64 of 32 random bytes
	 * @param currentKeyId the key that seals new values
	 */
	public record Sealing(@DefaultValue Map<String, String> keys, @Nullable String currentKeyId) {
	}

	/**
	 * @param key Base64 of 32 random bytes: the HMAC-SHA256 key of stored one-time codes
	 * (a six-digit code hashed without a secret would fall to a million guesses); no
	 * default
	 */
	public record Codes(@Nullable String key) {
	}

	/**
	 * @param privateKey Base64 of the PKCS#8 Ed25519 key that signs evidence; no default
	 * @param publicKey Base64 of its X.509 public key, published for verifiers; no
	 * default
	 */
	public record Evidence(@Nullable String privateKey, @Nullable String publicKey) {
	}

}
