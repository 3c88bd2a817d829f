package com.phoneverify.otp.settings;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.phoneverify.otp.channel.Availability;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.ChannelPolicy;
import com.phoneverify.otp.channel.Operation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything otp-service can be told, under the prefix {@code otp}. Defaults are written
 * here. No key has a default or ships in a configuration file of the jar: without
 * {@code otp.secrets.*} and {@code otp.sealing.*} the service refuses to start, naming
 * the property.
 *
 * @param institution this institution's code at the inter-institution registry (default
 * {@code PVSEC})
 * @param verification the verification rules
 * @param mobile mobile OTP issuance
 * @param vendors hardware OTP vendor codes accepted here → vendor names (default: the
 * simulator's {@code 01}, {@code 02}, {@code 03})
 * @param channels the availability table, operation → channel → availability; a missing
 * operation takes the seed's row (ChannelPolicy#seedTable)
 * @param secrets sealing of token secrets at rest and the real-name id lookup key
 * @param sealing the events key ring (sealed fields of OTP verification events)
 * @param registry the inter-institution registry
 * @param pinIterations PBKDF2 iterations of mobile PIN hashes (default 20000)
 */
@ConfigurationProperties("otp")
public record OtpProperties(@DefaultValue("PVSEC") String institution, @DefaultValue Verification verification,
		@DefaultValue Mobile mobile, @Nullable Map<String, String> vendors,
		@Nullable Map<Operation, Map<Channel, Availability>> channels, @DefaultValue Secrets secrets,
		@DefaultValue Sealing sealing, @DefaultValue Registry registry, @DefaultValue("20000") int pinIterations) {

	public OtpProperties {
		if (vendors == null || vendors.isEmpty()) {
			vendors = Map.of("01", "Simulated vendor A", "02", "Simulated vendor B", "03", "Simulated vendor C");
		}
		Map<Operation, Map<Channel, Availability>> table = new EnumMap<>(ChannelPolicy.seedTable());
		if (channels != null) {
			channels.forEach((operation, row) -> {
				Map<Channel, Availability> merged = new EnumMap<>(table.get(operation));
				merged.putAll(row);
				table.put(operation, merged);
			});
		}
		channels = table;
	}

	/**
	 * @param lockThreshold consecutive failures that lock a customer's OTP (default 10,
	 * the seed's 오류횟수 10회); cleared only by a correct code or an explicit reset, never by
	 * time
	 * @param hotpLookAhead counters a HOTP code may be ahead (default 10)
	 * @param hotpResyncWindow counters searched for two consecutive codes (default 100)
	 * @param totpDrift time steps a TOTP clock may be off either way (default 1)
	 * @param transferSuite the OCRA suite of transfer codes (default
	 * {@code OCRA-1:HOTP-SHA256-8:QN08-T1M}: 8 digits, numeric challenge from recipient
	 * account and amount, 1-minute time step)
	 * @param ocraDrift time steps an OCRA response may be off (default 1)
	 * @param pinAttempts consecutive mobile PIN failures that make it unusable (default
	 * 5)
	 */
	public record Verification(@DefaultValue("10") int lockThreshold, @DefaultValue("10") int hotpLookAhead,
			@DefaultValue("100") int hotpResyncWindow, @DefaultValue("1") int totpDrift,
			@DefaultValue("OCRA-1:HOTP-SHA256-8:QN08-T1M") String transferSuite, @DefaultValue("1") int ocraDrift,
			@DefaultValue("5") int pinAttempts) {
	}

	/**
	 * @param validity how long a mobile OTP is valid (default 3 years)
	 * @param algorithm its TOTP HMAC (default SHA1, what every authenticator app reads)
	 * @param digits 6 or 8 (default 6)
	 * @param step 30 or 60 seconds (default 30s)
	 * @param issuer the issuer label of the otpauth URI (default {@code PhoneVerify})
	 */
	public record Mobile(@DefaultValue("P3Y") Period validity, @DefaultValue("SHA1") String algorithm,
			@DefaultValue("6") int digits, @DefaultValue("30s") Duration step,
			@DefaultValue("PhoneVerify") String issuer) {
	}

	/**
	 * @param keys key id → Base64 of 32 random bytes (AES-256-GCM) sealing token secrets;
	 * required
	 * @param currentKeyId the key that seals new secrets; {@code rotate-keys} re-seals
	 * older ones under it; required
	 * @param lookupKey Base64 of at least 16 random bytes: the HMAC key of the real-name
	 * id blind index; required, and never changed (customers would not be found again)
	 */
	public record Secrets(@Nullable Map<String, String> keys, @Nullable String currentKeyId,
			@Nullable String lookupKey) {
	}

	/**
	 * @param keys the events key ring (the gateway's {@code gateway.sealing.events});
	 * required
	 * @param currentKeyId the key that seals new values; required
	 */
	public record Sealing(@Nullable Map<String, String> keys, @Nullable String currentKeyId) {
	}

	/**
	 * @param simulated use the in-memory registry simulator (default true: no real
	 * registry adapter exists yet)
	 * @param demoDevices devices the simulator knows from the start (the README
	 * walk-through uses them)
	 */
	public record Registry(@DefaultValue("true") boolean simulated, @Nullable List<DemoDevice> demoDevices) {
	}

	/**
	 * A device of the simulator.
	 *
	 * @param vendorCode vendor code
	 * @param serial serial
	 * @param seedHex the seed, hexadecimal
	 * @param timeBased TOTP (true) or HOTP
	 * @param algorithm SHA1, SHA256 or SHA512
	 * @param digits 6 or 8
	 * @param stepSeconds 30 or 60
	 */
	public record DemoDevice(String vendorCode, String serial, String seedHex, @DefaultValue("false") boolean timeBased,
			@DefaultValue("SHA1") String algorithm, @DefaultValue("6") int digits, @DefaultValue("30") int stepSeconds,
			@DefaultValue("2026-01-01") LocalDate warrantyFrom, @DefaultValue("2031-01-01") LocalDate warrantyUntil) {
	}

}
