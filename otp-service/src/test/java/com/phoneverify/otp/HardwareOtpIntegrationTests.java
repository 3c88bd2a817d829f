package com.phoneverify.otp;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.otp.OtpTestSupport.Device;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.incident.Incidents;
import com.phoneverify.otp.inquiry.Inquiries;
import com.phoneverify.otp.registration.HardwareRegistrations;
import com.phoneverify.otp.registry.DeviceStatus;
import com.phoneverify.otp.registry.simulator.SimulatedInstitutionRegistry;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CustomerKeys;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import com.phoneverify.otp.token.TokenVerification;
import com.phoneverify.otp.token.VerificationOutcome;
import com.phoneverify.otp.token.VerificationOutcome.Refused;
import com.phoneverify.otp.token.VerificationOutcome.Rejected;
import com.phoneverify.otp.token.VerificationOutcome.Verified;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hardware OTPs of other institutions on the real database: registration rules, once-only
 * codes, the error counter (shared, never cleared by time), incidents across
 * institutions, the channel table, and concurrent verifications of one token.
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
class HardwareOtpIntegrationTests {

	/** The merchant every operation of this class is made for. */
	static final String MERCHANT = "m-hardware";

	static final Caller BRANCH = new Caller(MERCHANT, "teller-7", Channel.BRANCH);

	static final Caller ONLINE = new Caller(MERCHANT, "customer", Channel.ONLINE);

	@Autowired
	HardwareRegistrations registrations;

	@Autowired
	TokenVerification verification;

	@Autowired
	Incidents incidents;

	@Autowired
	Inquiries inquiries;

	@Autowired
	SimulatedInstitutionRegistry registry;

	@Autowired
	CustomerKeys customerKeys;

	@Autowired
	TestClock clock;

	private String newCustomer() {
		return this.customerKeys.keyOf(MERCHANT, OtpTestSupport.newRealNameId());
	}

	private Token register(String customer, Device device) {
		return this.registrations
			.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), device.code(0), BRANCH)
			.block(Duration.ofSeconds(10));
	}

	private VerificationOutcome verify(String customer, String code) {
		return this.verification.verify(customer, TokenKind.HARDWARE, code, null, BRANCH).block(Duration.ofSeconds(10));
	}

	@Test
	void aRegisteredDeviceVerifiesEachCodeOnceAndItsWarrantyEndDoesNotStopIt() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		Token token = register(customer, device);
		assertThat(token.warrantyUntil()).isBefore(java.time.LocalDate.now());

		assertThat(verify(customer, device.code(1))).isInstanceOf(Verified.class);
		assertThat(verify(customer, device.code(1))).as("replay").isInstanceOf(Rejected.class);
		assertThat(verify(customer, device.code(0))).as("the response code of registration")
			.isInstanceOf(Rejected.class);
		assertThat(verify(customer, device.code(4))).as("within the look-ahead").isInstanceOf(Verified.class);
	}

	@Test
	void registrationRefusesWhatTheSeedForbidsWithSpecificProblems() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		assertProblem(
				() -> this.registrations.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL,
						new com.phoneverify.otp.registry.DeviceId("99", device.id().serial()), null, BRANCH),
				OtpProblem.UNKNOWN_VENDOR);
		assertProblem(
				() -> this.registrations.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL,
						new com.phoneverify.otp.registry.DeviceId("01", "NOSUCHSERIAL"), null, BRANCH),
				OtpProblem.UNKNOWN_DEVICE);
		assertProblem(() -> this.registrations.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
				device.wrongCode(), BRANCH), OtpProblem.RESPONSE_CODE_MISMATCH);
		assertProblem(() -> this.registrations.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
				"12345", BRANCH), OtpProblem.WRONG_LENGTH);
		register(customer, device);

		Device second = OtpTestSupport.issueHotpDevice(this.registry);
		assertProblem(() -> this.registrations.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL, second.id(), null,
				BRANCH), OtpProblem.DUPLICATE_REGISTRATION);
		assertProblem(() -> this.registrations.register(newCustomer(), CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
				null, BRANCH), OtpProblem.DUPLICATE_REGISTRATION);
		assertProblem(() -> this.registrations.useSecurityCard(customer, CustomerKind.DOMESTIC_INDIVIDUAL, BRANCH),
				OtpProblem.DUPLICATE_REGISTRATION);

		String cardHolder = newCustomer();
		this.registrations.useSecurityCard(cardHolder, CustomerKind.DOMESTIC_INDIVIDUAL, BRANCH).block();
		assertProblem(() -> this.registrations.register(cardHolder, CustomerKind.DOMESTIC_INDIVIDUAL, second.id(), null,
				BRANCH), OtpProblem.SECURITY_CARD_IN_USE);
	}

	@Test
	void concurrentRegistrationsOfOneDeviceByTwoCustomersLeaveOneAndNameTheOtherADuplicate() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		List<Object> results = Flux.range(0, 6)
			.parallel(6)
			.runOn(Schedulers.parallel())
			.flatMap((i) -> this.registrations
				.register(newCustomer(), CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), null, BRANCH)
				.<Object>map((token) -> token)
				.onErrorResume(OtpRefusal.class, (refusal) -> Mono.just(refusal.problem())))
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(results).filteredOn(Token.class::isInstance).hasSize(1);
		assertThat(results).filteredOn(OtpProblem.class::isInstance)
			.hasSize(5)
			.containsOnly(OtpProblem.DUPLICATE_REGISTRATION);
	}

	@Test
	void cancellingARegistrationFreesTheCustomerAndTheDevice() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		Token canceled = this.registrations.cancel(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), ONLINE)
			.block();
		assertThat(canceled.status()).isEqualTo(TokenStatus.CANCELED);
		assertThat(verify(customer, device.code(1))).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.NO_TOKEN));
		assertThat(this.registry.status(device.id()).block().institutions()).doesNotContain("PVSEC");
		register(newCustomer(), device);
	}

	@Test
	void malformedCodesAreNamedAndNotCounted() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		assertThat(verify(customer, "12345"))
			.isEqualTo(new Refused(OtpProblem.WRONG_LENGTH, "the code must have 6 digits"));
		assertThat(verify(customer, "12a456")).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.NOT_DIGITS));
		assertThat(this.inquiries.errorsOf(device.id(), MERCHANT).block().customerFailures()).isZero();
	}

	@Test
	void tenWrongCodesLockAndWaitingAYearNeverUnlocksOnlyAResetDoes() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		for (int i = 1; i <= 9; i++) {
			assertThat(verify(customer, device.wrongCode())).isEqualTo(new Rejected(i, 10 - i));
		}
		assertThat(verify(customer, device.wrongCode())).isEqualTo(new Rejected(10, 0));
		assertLocked(verify(customer, device.code(1)));

		this.clock.advance(Duration.ofDays(366));
		assertLocked(verify(customer, device.code(1)));

		assertProblem(() -> this.incidents.resetErrors(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
				new Caller(MERCHANT, "customer", Channel.PHONE)), OtpProblem.CHANNEL_NOT_ALLOWED);
		DeviceStatus reset = this.incidents.resetErrors(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), ONLINE)
			.block();
		assertThat(reset.failures()).isZero();
		assertThat(verify(customer, device.code(1))).isInstanceOf(Verified.class);
	}

	@Test
	void guessesSpreadOverVerificationKindsAndInstitutionsCountTogether() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		// 3 wrong plain codes, 3 wrong transfer codes, 3 wrong resynchronisations here
		for (int i = 0; i < 3; i++) {
			assertThat(verify(customer, device.wrongCode())).isInstanceOf(Rejected.class);
			assertThat(this.verification
				.verifyTransfer(customer, TokenKind.HARDWARE, "110-234-567890", new BigDecimal("50000"), "00000000",
						null, ONLINE)
				.block()).isInstanceOf(Rejected.class);
			assertThat(this.verification.resynchronise(customer, "000000", "111111", BRANCH).block())
				.isInstanceOf(Rejected.class);
		}
		// and one more at another institution, through the shared registry
		this.registry.register("KBSEC", device.id()).block();
		this.registry.recordFailure(device.id()).block();
		assertThat(this.inquiries.errorsOf(device.id(), MERCHANT).block().sharedFailures()).isEqualTo(10);
		assertLocked(verify(customer, device.code(1)));
	}

	@Test
	void aResetAtAnotherInstitutionIsSharedButOurCustomerCounterStillLocksUntilResetHereOrASuccess() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		this.registry.register("KBSEC", device.id()).block();
		for (int i = 0; i < 10; i++) {
			this.registry.recordFailure(device.id()).block();
		}
		assertLocked(verify(customer, device.code(1)));
		this.registry.clearFailures(device.id()).block();
		assertThat(verify(customer, device.code(1))).isInstanceOf(Verified.class);
	}

	@Test
	void concurrentVerificationsOfOneTokenAcceptACodeOnceAndCountEveryFailure() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		String code = device.code(1);
		List<VerificationOutcome> outcomes = Flux.range(0, 16)
			.parallel(8)
			.runOn(Schedulers.parallel())
			.flatMap((i) -> this.verification.verify(customer, TokenKind.HARDWARE, code, null, BRANCH))
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(outcomes).filteredOn(Verified.class::isInstance).hasSize(1);
		// the replays are failures, each counted once with no lost update (1, 2, …, 10),
		// then the lock refuses the rest unchecked
		assertThat(outcomes).filteredOn(Rejected.class::isInstance)
			.extracting((o) -> ((Rejected) o).failures())
			.containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		assertThat(outcomes).filteredOn(Refused.class::isInstance)
			.hasSize(5)
			.allSatisfy(HardwareOtpIntegrationTests::assertLocked);
		assertLocked(verify(customer, device.code(2)));
	}

	@Test
	void aLossReportedHereIsOpenEverywhereAndTheDeviceWorksAgainOnlyWhenAllRecovered() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		this.registry.register("KBSEC", device.id()).block();

		assertProblem(() -> this.incidents.reportLost(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
				new Caller(MERCHANT, "x", Channel.DISPATCH)), OtpProblem.CHANNEL_NOT_ALLOWED);
		DeviceStatus lost = this.incidents
			.reportLost(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
					new Caller(MERCHANT, "agent-1", Channel.PHONE))
			.block();
		assertThat(lost.lostAt()).containsExactlyInAnyOrder("PVSEC", "KBSEC");
		assertThat(verify(customer, device.code(1))).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_LOST));

		// online here only after an in-person recovery somewhere
		assertProblem(() -> this.incidents.recover(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), ONLINE),
				OtpProblem.ONLINE_RECOVERY_NOT_ALLOWED);
		this.registry.recover("KBSEC", device.id(), true).block();
		DeviceStatus recovered = this.incidents.recover(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), ONLINE)
			.block();
		assertThat(recovered.lost()).isFalse();
		assertThat(verify(customer, device.code(1))).isInstanceOf(Verified.class);
		assertProblem(() -> this.incidents.recover(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), BRANCH),
				OtpProblem.NOT_LOST);
	}

	@Test
	void recoveringHereWhileAnotherInstitutionStillHasTheIncidentOpenKeepsItLost() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		this.registry.register("KBSEC", device.id()).block();
		this.incidents.reportLost(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), BRANCH).block();
		DeviceStatus status = this.incidents.recover(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), BRANCH)
			.block();
		assertThat(status.lostAt()).containsExactly("KBSEC");
		assertThat(verify(customer, device.code(1))).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_LOST));
	}

	@Test
	void agentsActForCorporationsOnlyAndNeverByTelephoneForRegistration() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		Caller agent = new Caller(MERCHANT, "agent-9", Channel.AGENT);
		assertProblem(() -> this.registrations.register(newCustomer(), CustomerKind.DOMESTIC_INDIVIDUAL, device.id(),
				null, agent), OtpProblem.CHANNEL_NOT_ALLOWED);
		assertProblem(() -> this.registrations.register(newCustomer(), CustomerKind.CORPORATION, device.id(), null,
				new Caller(MERCHANT, "agent-9", Channel.PHONE)), OtpProblem.CHANNEL_NOT_ALLOWED);
		Token token = this.registrations.register(newCustomer(), CustomerKind.CORPORATION, device.id(), null, agent)
			.block();
		assertThat(token.status()).isEqualTo(TokenStatus.ACTIVE);
	}

	@Test
	void inquiriesShowTokensInstitutionsHistoryAndErrors() {
		Device device = OtpTestSupport.issueHotpDevice(this.registry);
		String customer = newCustomer();
		register(customer, device);
		this.registry.register("KBSEC", device.id()).block();
		verify(customer, device.wrongCode());
		verify(customer, device.code(1));
		verify(customer, device.wrongCode());

		Inquiries.CustomerTokens tokens = this.inquiries.tokensOf(customer).block();
		assertThat(tokens.tokens()).singleElement()
			.satisfies((view) -> assertThat(view.device()).isEqualTo(device.id().toString()));
		assertThat(tokens.failures()).isEqualTo(1);
		assertThat(this.inquiries.institutionsOf(device.id(), MERCHANT).block()).containsExactlyInAnyOrder("PVSEC",
				"KBSEC");
		assertThat(this.inquiries.historyOf(device.id(), MERCHANT).block())
			.extracting((e) -> e.operation() + ":" + e.outcome())
			.containsExactly("REGISTER_HARDWARE:DONE", "VERIFY:REJECTED", "VERIFY:VERIFIED", "VERIFY:REJECTED");
		assertThat(this.inquiries.errorsOf(device.id(), MERCHANT).block().sharedFailures()).isEqualTo(1);
		// another merchant never registered it: each view is refused as for an unknown
		// device
		assertProblem(() -> this.inquiries.institutionsOf(device.id(), "m-elsewhere"), OtpProblem.DEVICE_NOT_FOUND);
		assertProblem(() -> this.inquiries.historyOf(device.id(), "m-elsewhere"), OtpProblem.DEVICE_NOT_FOUND);
		assertProblem(() -> this.inquiries.errorsOf(device.id(), "m-elsewhere"), OtpProblem.DEVICE_NOT_FOUND);
	}

	private static void assertLocked(VerificationOutcome outcome) {
		assertThat(outcome).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.problem()).isEqualTo(OtpProblem.TOKEN_LOCKED));
	}

	static void assertProblem(java.util.function.Supplier<Mono<?>> operation, OtpProblem problem) {
		assertThatThrownBy(() -> operation.get().block(Duration.ofSeconds(10))).isInstanceOfSatisfying(OtpRefusal.class,
				(refusal) -> assertThat(refusal.problem()).isEqualTo(problem));
	}

}
