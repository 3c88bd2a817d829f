package com.phoneverify.otp;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;

import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.algorithm.Hotp;
import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.DeviceProfile;
import com.phoneverify.otp.registry.simulator.SimulatedInstitutionRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Keys, a movable clock and fresh devices and customers for the integration tests. */
public final class OtpTestSupport {

	public static final String SECRETS_KEY = "q2Wl5m0cG6kq2r4bO1m1yQ5b9V7mZQ2wJ3p0k8e6T1c=";

	public static final String EVENTS_KEY = "+i/zzCRB9lXRIziqsIj+FMNUI3wWmVWSDomb9kvpdio=";

	public static final String LOOKUP_KEY = "bG9va3VwLWtleS1mb3ItdGVzdHMtb25seQ==";

	/** The properties every otp-service test context needs. */
	public static final String[] PROPERTIES = { "server.port=0", "otp.secrets.keys.s1=" + SECRETS_KEY,
			"otp.secrets.current-key-id=s1", "otp.secrets.lookup-key=" + LOOKUP_KEY,
			"otp.sealing.keys.e1=" + EVENTS_KEY, "otp.sealing.current-key-id=e1", "otp.pin-iterations=1000" };

	private static final SecureRandom RANDOM = new SecureRandom();

	private OtpTestSupport() {
	}

	/** A real-name id nobody else uses. */
	public static String newRealNameId() {
		return String.format("%013d", Math.abs(RANDOM.nextLong()) % 10_000_000_000_000L);
	}

	/** A HOTP device (SHA-1, 6 digits) issued by vendor 01, with its seed. */
	public record Device(DeviceId id, byte[] seed) {

		public String code(long counter) {
			return Hotp.generate(this.seed, counter, 6, HmacAlgorithm.SHA1);
		}

		/**
		 * A well-formed code the device shows at none of the counters the tests reach
		 * (0–300).
		 */
		public String wrongCode() {
			java.util.Set<String> shown = new java.util.HashSet<>();
			for (long counter = 0; counter <= 300; counter++) {
				shown.add(code(counter));
			}
			for (int candidate = 0;; candidate++) {
				String code = String.format("%06d", candidate);
				if (!shown.contains(code)) {
					return code;
				}
			}
		}

		public String seedHex() {
			return HexFormat.of().formatHex(this.seed);
		}

	}

	public static Device issueHotpDevice(SimulatedInstitutionRegistry registry) {
		byte[] seed = new byte[20];
		RANDOM.nextBytes(seed);
		DeviceId id = new DeviceId("01", "SN" + Math.abs(RANDOM.nextLong() % 1_000_000_000_000L));
		registry.issue(id,
				new DeviceProfile(seed, false, "SHA1", 6, 30, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)));
		return new Device(id, seed);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Clocks {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}

	}

}
