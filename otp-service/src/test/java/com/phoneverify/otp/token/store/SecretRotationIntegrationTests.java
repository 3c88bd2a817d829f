package com.phoneverify.otp.token.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.otp.OtpTestSupport;
import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.token.CodeSettings;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rotate-keys re-seals every secret under the newest key, and the old key can then go.
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
class SecretRotationIntegrationTests {

	static final String NEW_KEY = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

	@Autowired
	ConnectionFactory connectionFactory;

	@Autowired
	TransactionalOperator transactions;

	@Test
	void rotationResealsEverySecretUnderTheNewKeyAndTheOldKeyIsNoLongerNeeded() {
		DatabaseClient db = DatabaseClient.create(this.connectionFactory);
		Sealer old = Sealer.of(Map.of("s1", OtpTestSupport.SECRETS_KEY), "s1");
		R2dbcTokens before = new R2dbcTokens(db, old);
		String customer = "rotation-" + UUID.randomUUID();
		byte[] secret = "12345678901234567890".getBytes();
		Token token = new Token(UUID.randomUUID(), customer, TokenKind.MOBILE, null, "rotation-device",
				new CodeSettings(true, HmacAlgorithm.SHA1, 6, 30), secret, -1, -1, TokenStatus.ACTIVE, null, null,
				Instant.now().plusSeconds(3600), 0, "1:AA==:AA==", Instant.now());
		before.enrolAndLock(customer, CustomerKind.DOMESTIC_INDIVIDUAL).then(before.insert(token)).block();

		Sealer ring = Sealer.of(Map.of("s1", OtpTestSupport.SECRETS_KEY, "s2", NEW_KEY), "s2");
		SecretRotation rotation = new SecretRotation(db, ring, "s2", this.transactions);
		StepVerifier.create(rotation.rotate()).assertNext((count) -> assertThat(count).isPositive()).verifyComplete();
		StepVerifier.create(rotation.remaining()).expectNext(0L).verifyComplete();

		R2dbcTokens onlyNewKey = new R2dbcTokens(db, Sealer.of(Map.of("s2", NEW_KEY), "s2"));
		StepVerifier.create(onlyNewKey.byId(token.id()))
			.assertNext((read) -> assertThat(read.secret()).isEqualTo(secret))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

}
