package com.phoneverify.otp.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.phoneverify.otp.registry.DeviceId;
import org.jspecify.annotations.Nullable;

/**
 * A customer's OTP token.
 *
 * @param id the token id
 * @param customerKey the customer's blind index
 * @param kind hardware or mobile
 * @param hardwareDevice vendor code and serial (hardware only)
 * @param mobileDevice the smartphone's id (mobile only)
 * @param settings how codes are computed
 * @param secret the HMAC key, opened from its sealed column; never logged
 * @param movingFactor HOTP: the next counter; TOTP: the last time step used (-1: none)
 * @param ocraLastStep the last OCRA time step used for transfers (-1: none)
 * @param status the lifecycle state
 * @param warrantyFrom hardware warranty start (recorded, not enforced)
 * @param warrantyUntil hardware warranty end (recorded, not enforced: usable while it
 * powers on)
 * @param validUntil mobile OTP expiry (3 years after issuance)
 * @param pinFailures consecutive mobile PIN failures
 * @param pinHash PBKDF2 of the mobile PIN (salt included)
 * @param createdAt registration or issuance time
 */
public record Token(UUID id, String customerKey, TokenKind kind, @Nullable DeviceId hardwareDevice,
		@Nullable String mobileDevice, CodeSettings settings, byte[] secret, long movingFactor, long ocraLastStep,
		TokenStatus status, @Nullable LocalDate warrantyFrom, @Nullable LocalDate warrantyUntil,
		@Nullable Instant validUntil, int pinFailures, @Nullable String pinHash, Instant createdAt) {

	/** The device as the audit trail and inquiries name it. */
	public String deviceLabel() {
		return (this.hardwareDevice != null) ? this.hardwareDevice.toString() : "mobile/" + this.mobileDevice;
	}

	public Token withMovingFactor(long value) {
		return new Token(this.id, this.customerKey, this.kind, this.hardwareDevice, this.mobileDevice, this.settings,
				this.secret, value, this.ocraLastStep, this.status, this.warrantyFrom, this.warrantyUntil,
				this.validUntil, this.pinFailures, this.pinHash, this.createdAt);
	}

	public Token withOcraLastStep(long value) {
		return new Token(this.id, this.customerKey, this.kind, this.hardwareDevice, this.mobileDevice, this.settings,
				this.secret, this.movingFactor, value, this.status, this.warrantyFrom, this.warrantyUntil,
				this.validUntil, this.pinFailures, this.pinHash, this.createdAt);
	}

	public Token withStatus(TokenStatus value) {
		return new Token(this.id, this.customerKey, this.kind, this.hardwareDevice, this.mobileDevice, this.settings,
				this.secret, this.movingFactor, this.ocraLastStep, value, this.warrantyFrom, this.warrantyUntil,
				this.validUntil, this.pinFailures, this.pinHash, this.createdAt);
	}

	public Token withPinFailures(int value) {
		return new Token(this.id, this.customerKey, this.kind, this.hardwareDevice, this.mobileDevice, this.settings,
				this.secret, this.movingFactor, this.ocraLastStep, this.status, this.warrantyFrom, this.warrantyUntil,
				this.validUntil, value, this.pinHash, this.createdAt);
	}

	@Override
	public String toString() {
		return "Token[" + this.id + ", " + this.kind + ", " + this.status + "]";
	}

}
