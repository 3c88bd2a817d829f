package com.phoneverify.otp;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.algorithm.TotpVerifier;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.mobile.IdentityEvidence;
import com.phoneverify.otp.mobile.IdentityEvidence.SecondFactor;
import com.phoneverify.otp.mobile.MobileOtps;
import com.phoneverify.otp.registration.HardwareRegistrations;
import com.phoneverify.otp.registry.simulator.SimulatedInstitutionRegistry;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CustomerKeys;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.Tokens;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import com.phoneverify.otp.token.TokenVerification;
import com.phoneverify.otp.token.VerificationOutcome;
import com.phoneverify.otp.token.VerificationOutcome.Refused;
import com.phoneverify.otp.token.VerificationOutcome.Rejected;
import com.phoneverify.otp.token.VerificationOutcome.Verified;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static com.phoneverify.otp.HardwareOtpIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mobile OTP on the real database: who may have one, one device per person, the otpauth
 * URI an authenticator reads, the PIN's five errors, the three years.
 */
@SpringBootTest(properties = { "server.port=0", "otp.secrets.keys.s1=" + OtpTestSupport.SECRETS_KEY,
		"otp.secrets.current-key-id=s1", "otp.secrets.lookup-key=" + OtpTestSupport.LOOKUP_KEY,
		"otp.sealing.keys.e1=" + OtpTestSupport.EVENTS_KEY, "otp.sealing.current-key-id=e1",
		"otp.pin-iterations=1000" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
@Import(OtpTestSupport.Clocks.class)
// closed after the class: a cached context would keep consuming
// otp-verification-requested
// with its own clock and registry simulator while another class runs
@DirtiesContext
class MobileOtpIntegrationTests {

	/** The merchant every operation of this class is made for. */
	static final String MERCHANT = "m-mobile";

	static final Caller MTS = new Caller(MERCHANT, "customer", Channel.ONLINE);

	static final IdentityEvidence ONE_WON = new IdentityEvidence(true, true, SecondFactor.ONE_WON_TRANSFER, null);

	static final String PIN = "482913";

	@Autowired
	MobileOtps mobile;

	@Autowired
	TokenVerification verification;

	@Autowired
	HardwareRegistrations registrations;

	@Autowired
	SimulatedInstitutionRegistry registry;

	@Autowired
	CustomerKeys customerKeys;

	@Autowired
	Tokens tokens;

	@Autowired
	TestClock clock;

	private String newCustomer() {
		return this.customerKeys.keyOf(MERCHANT, OtpTestSupport.newRealNameId());
	}

	private MobileOtps.Issued issue(String customer, String device, boolean replace) {
		return this.mobile.issue(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device, PIN, ONE_WON, replace, MTS)
			.block(Duration.ofSeconds(10));
	}

	private VerificationOutcome verify(String customer, String code, String pin) {
		return this.verification.verify(customer, TokenKind.MOBILE, code, pin, MTS).block(Duration.ofSeconds(10));
	}

	/** The code an authenticator app computes now from the otpauth URI alone. */
	private String appCode(String otpauthUri) {
		URI uri = URI.create(otpauthUri);
		Map<String, String> query = Arrays.stream(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
		assertThat(uri.getScheme()).isEqualTo("otpauth");
		assertThat(uri.getHost()).isEqualTo("totp");
		TotpVerifier totp = new TotpVerifier(Integer.parseInt(query.get("digits")),
				HmacAlgorithm.named(query.get("algorithm")), Duration.ofSeconds(Long.parseLong(query.get("period"))),
				0);
		return totp.generate(Base32Decoder.decode(query.get("secret")), this.clock.instant());
	}

	@Test
	void onlyDomesticIndividualsGetOneAndTheRefusalSaysWhy() {
		assertProblem(() -> this.mobile.issue(newCustomer(), CustomerKind.CORPORATION, "device-0001", PIN, ONE_WON,
				false, MTS), OtpProblem.NOT_ELIGIBLE);
		assertProblem(() -> this.mobile.issue(newCustomer(), CustomerKind.FOREIGN_INDIVIDUAL, "device-0001", PIN,
				ONE_WON, false, MTS), OtpProblem.NOT_ELIGIBLE);
		assertProblem(
				() -> this.mobile.issue(newCustomer(), CustomerKind.DOMESTIC_INDIVIDUAL, "device-0001", PIN,
						new IdentityEvidence(true, false, SecondFactor.ONE_WON_TRANSFER, null), false, MTS),
				OtpProblem.IDENTITY_NOT_VERIFIED);
		assertProblem(() -> this.mobile.issue(newCustomer(), CustomerKind.DOMESTIC_INDIVIDUAL, "device-0001", PIN,
				ONE_WON, false, new Caller(MERCHANT, "agent", Channel.AGENT)), OtpProblem.CHANNEL_NOT_ALLOWED);
	}

	@Test
	void theOtpauthUriProvisionsAnAuthenticatorWhoseCodesVerifyWithThePinForThreeYears() {
		String customer = newCustomer();
		MobileOtps.Issued issued = issue(customer, "phone-a-1234", false);
		assertThat(issued.otpauthUri()).startsWith("otpauth://totp/PhoneVerify:").contains("&period=30");
		assertThat(issued.token().validUntil())
			.isEqualTo(this.clock.instant().atOffset(java.time.ZoneOffset.UTC).plusYears(3).toInstant());

		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).isInstanceOf(Verified.class);
		this.clock.advance(Duration.between(this.clock.instant(), issued.token().validUntil()).minusMinutes(1));
		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).as("a minute before the end")
			.isInstanceOf(Verified.class);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_EXPIRED));
	}

	@Test
	void aSecondDeviceIsRefusedUntilTheCustomerConfirmsThenTheOldOneIsRevoked() {
		String customer = newCustomer();
		MobileOtps.Issued first = issue(customer, "phone-old-0001", false);
		assertProblem(() -> this.mobile.issue(customer, CustomerKind.DOMESTIC_INDIVIDUAL, "phone-new-0002", PIN,
				ONE_WON, false, MTS), OtpProblem.SECOND_DEVICE);
		MobileOtps.Issued second = issue(customer, "phone-new-0002", true);
		assertThat(second.revoked()).isEqualTo(first.token().id());
		assertThat(this.tokens.byId(first.token().id()).block().status()).isEqualTo(TokenStatus.REVOKED);
		assertThat(verify(customer, appCode(second.otpauthUri()), PIN)).isInstanceOf(Verified.class);
	}

	@Test
	void theFifthConsecutiveWrongPinMakesItUnusableAndOnlyReissueHelps() {
		String customer = newCustomer();
		MobileOtps.Issued issued = issue(customer, "phone-pin-0001", false);
		for (int i = 1; i <= 4; i++) {
			assertThat(verify(customer, appCode(issued.otpauthUri()), "000000")).isInstanceOfSatisfying(Refused.class,
					(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.WRONG_PIN));
		}
		assertThat(verify(customer, appCode(issued.otpauthUri()), "000000")).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_UNUSABLE));
		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).as("the right PIN is too late")
			.isInstanceOfSatisfying(Refused.class,
					(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_UNUSABLE));
		MobileOtps.Issued reissued = issue(customer, "phone-pin-0001", true);
		assertThat(verify(customer, appCode(reissued.otpauthUri()), PIN)).isInstanceOf(Verified.class);
	}

	@Test
	void aRightPinClearsThePinCountAndWrongCodesLockLikeHardware() {
		String customer = newCustomer();
		MobileOtps.Issued issued = issue(customer, "phone-lock-0001", false);
		verify(customer, appCode(issued.otpauthUri()), "000000");
		for (int i = 1; i <= 10; i++) {
			assertThat(verify(customer, "000000", PIN)).isInstanceOf(Rejected.class);
		}
		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_LOCKED));
		this.mobile.resetErrors(customer, CustomerKind.DOMESTIC_INDIVIDUAL, MTS).block();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).isInstanceOf(Verified.class);
	}

	@Test
	void aHardwareOtpCodeServesAsTheSecondFactorAndCancellationEndsIt() {
		String customer = newCustomer();
		OtpTestSupport.Device device = OtpTestSupport.issueHotpDevice(this.registry);
		this.registrations.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), null, MTS).block();
		assertProblem(
				() -> this.mobile.issue(customer, CustomerKind.DOMESTIC_INDIVIDUAL, "phone-hw-0001", PIN,
						new IdentityEvidence(true, true, SecondFactor.HARDWARE_OTP, "000000"), false, MTS),
				OtpProblem.IDENTITY_NOT_VERIFIED);
		MobileOtps.Issued issued = this.mobile
			.issue(customer, CustomerKind.DOMESTIC_INDIVIDUAL, "phone-hw-0001", PIN,
					new IdentityEvidence(true, true, SecondFactor.HARDWARE_OTP, device.code(0)), false, MTS)
			.block();
		assertThat(issued.token().status()).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.mobile.cancel(customer, CustomerKind.DOMESTIC_INDIVIDUAL, MTS).block().status())
			.isEqualTo(TokenStatus.CANCELED);
		assertThat(verify(customer, appCode(issued.otpauthUri()), PIN)).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.NO_TOKEN));
	}

	/** RFC 4648 base 32, for reading the URI as an app would. */
	static final class Base32Decoder {

		static byte[] decode(String text) {
			String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			int buffer = 0;
			int bits = 0;
			for (char c : text.toCharArray()) {
				buffer = (buffer << 5) | alphabet.indexOf(c);
				bits += 5;
				if (bits >= 8) {
					out.write((buffer >>> (bits - 8)) & 0xff);
					bits -= 8;
				}
			}
			return out.toByteArray();
		}

	}

}
