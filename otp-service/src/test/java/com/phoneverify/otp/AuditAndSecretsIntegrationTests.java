package com.phoneverify.otp;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.registration.HardwareRegistrations;
import com.phoneverify.otp.registry.simulator.SimulatedInstitutionRegistry;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CustomerKeys;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenVerification;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database holds: secrets only sealed, the real-name id not at all, an audit
 * trail that refuses to be changed and holds no code.
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
class AuditAndSecretsIntegrationTests {

	@Autowired
	HardwareRegistrations registrations;

	@Autowired
	TokenVerification verification;

	@Autowired
	SimulatedInstitutionRegistry registry;

	@Autowired
	CustomerKeys customerKeys;

	@Autowired
	ConnectionFactory connectionFactory;

	@Test
	void theDatabaseHoldsNeitherTheSecretNorTheRealNameIdNorAnyCode() {
		String realNameId = OtpTestSupport.newRealNameId();
		String customer = this.customerKeys.keyOf("m-audit", realNameId);
		OtpTestSupport.Device device = OtpTestSupport.issueHotpDevice(this.registry);
		Caller caller = new Caller("m-audit", "teller-1", Channel.BRANCH);
		Token token = this.registrations
			.register(customer, CustomerKind.DOMESTIC_INDIVIDUAL, device.id(), device.code(0), caller)
			.block(Duration.ofSeconds(10));
		String wrong = device.wrongCode();
		this.verification.verify(customer, TokenKind.HARDWARE, wrong, null, caller).block();
		this.verification.verify(customer, TokenKind.HARDWARE, device.code(1), null, caller).block();

		DatabaseClient db = DatabaseClient.create(this.connectionFactory);
		String dump = db
			.sql("select t::text as row from otp.tokens t where id = :id union all "
					+ "select c::text from otp.customers c where customer_key = :key union all "
					+ "select a::text from otp.audit_events a where customer_key = :key")
			.bind("id", token.id())
			.bind("key", customer)
			.map((row) -> row.get("row", String.class))
			.all()
			.collectList()
			.map((rows) -> String.join("\n", rows))
			.block();
		assertThat(dump).contains("s1")
			.doesNotContain(device.seedHex())
			.doesNotContain(realNameId)
			.doesNotContain(device.code(0))
			.doesNotContain(device.code(1))
			.doesNotContain(wrong);
		assertThat(dump.lines().filter((line) -> line.contains("VERIFY"))).hasSize(2);
	}

	@Test
	void theAuditTrailRefusesUpdateDeleteAndTruncate() {
		DatabaseClient db = DatabaseClient.create(this.connectionFactory);
		db.sql("insert into otp.audit_events (at, actor, channel, operation, outcome, customer_key) "
				+ "values (now(), 'test', 'BRANCH', 'TEST', 'DONE', 'k')")
			.then()
			.block();
		for (String statement : List.of("update otp.audit_events set outcome = 'CHANGED'",
				"delete from otp.audit_events", "truncate otp.audit_events")) {
			StepVerifier.create(db.sql(statement).then())
				.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("append-only"))
				.verify(Duration.ofSeconds(10));
		}
		assertThat(db.sql("select count(*) as n from otp.audit_events where outcome = 'CHANGED'")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	static Map<String, String> keys() {
		return Map.of("s1", OtpTestSupport.SECRETS_KEY);
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
