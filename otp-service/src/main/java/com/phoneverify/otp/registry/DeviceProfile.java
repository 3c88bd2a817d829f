package com.phoneverify.otp.registry;

import java.time.LocalDate;

/**
 * What the registry holds about an issued device for a registering institution: its seed
 * (deposited by the vendor), how it computes codes, and its warranty.
 *
 * @param seed the HMAC key; never logged
 * @param timeBased TOTP when true, else HOTP (event-based)
 * @param algorithm {@code SHA1}, {@code SHA256} or {@code SHA512}
 * @param digits 6 or 8
 * @param stepSeconds the TOTP step, 30 or 60 (ignored for HOTP)
 * @param warrantyFrom start of the warranty (보증기간 시작일)
 * @param warrantyUntil end of the warranty; the device stays usable after it
 */
public record DeviceProfile(byte[] seed, boolean timeBased, String algorithm, int digits, int stepSeconds,
		LocalDate warrantyFrom, LocalDate warrantyUntil) {

	@Override
	public String toString() {
		return "DeviceProfile[" + (this.timeBased ? "TOTP" : "HOTP") + "-" + this.algorithm + "-" + this.digits + "]";
	}

}
