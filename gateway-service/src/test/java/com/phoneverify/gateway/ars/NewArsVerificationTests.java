package com.phoneverify.gateway.ars;

import java.time.Duration;

import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.Problem.FieldProblem;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NewArsVerificationTests {

	private static final GatewayProperties.Verification LIMITS = new Binder(
			new MapConfigurationPropertySource(Map.of("gateway.verification.allow-local-http-callbacks", "true")))
		.bindOrCreate("gateway", GatewayProperties.class)
		.verification();

	@Test
	void appliesDefaults() {
		NewArsVerification request = NewArsVerification
			.from(new CreateArsVerificationRequest("B", "010-1234-5678", null, null, null), LIMITS);
		assertThat(request.scenario()).isEqualTo(ArsScenario.B);
		assertThat(request.codeLength()).isEqualTo(6);
		assertThat(request.expiresIn()).isEqualTo(Duration.ofMinutes(3));
		assertThat(request.callbackUrl()).isNull();
	}

	@Test
	void reportsEveryBadFieldAtOnce() {
		ApiProblem problem = catchThrowableOfType(ApiProblem.class,
				() -> NewArsVerification.from(new CreateArsVerificationRequest("D", "12", 9, 5, "ftp://x"), LIMITS));
		assertThat(problem.toProblem("/v1/ars-verifications").errors()).extracting(FieldProblem::field)
			.containsExactly("type", "phone", "codeLength", "expiresInSeconds", "callbackUrl");
		assertThat(problem.status().value()).isEqualTo(400);
	}

	@Test
	void callbackMustBeHttpsExceptLocalhost() {
		assertThat(NewArsVerification.callbackUrlProblem("https://shop.example/hooks?x=1", true)).isNull();
		assertThat(NewArsVerification.callbackUrlProblem("http://localhost:9000/hook", true)).isNull();
		assertThat(NewArsVerification.callbackUrlProblem("http://127.0.0.1:9000/hook", true)).isNull();
		assertThat(NewArsVerification.callbackUrlProblem("http://localhost:9000/hook", false)).contains("https");
		assertThat(NewArsVerification.callbackUrlProblem("http://shop.example/hook", true)).contains("https");
		assertThat(NewArsVerification.callbackUrlProblem("https://user:pw@shop.example/", true)).contains("user info");
		assertThat(NewArsVerification.callbackUrlProblem("/relative", true)).contains("absolute");
		assertThat(NewArsVerification.callbackUrlProblem("https://shop.example/" + "a".repeat(2048), true))
			.contains("2048");
	}

	@Test
	void callbacksToThisHostOrItsNetworkAreRefusedUnlessLocalCallbacksAreAllowed() {
		for (String url : new String[] { "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://172.16.0.9/hook",
				"https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
				"https://[fe80::1]/hook", "https://[fd00::5]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
				"https://localhost/hook", "https://api.localhost/hook" }) {
			assertThat(NewArsVerification.callbackUrlProblem(url, false)).as(url).isNotNull();
			assertThat(NewArsVerification.callbackUrlProblem(url, true)).as(url).isNull();
		}
		assertThat(NewArsVerification.callbackUrlProblem("https://8.8.8.8/hook", false)).isNull();
		for (String url : new String[] { "https://198.18.0.1/hook", "https://240.0.0.1/hook",
				"https://255.255.255.255/hook", "https://[64:ff9b::a9fe:a9fe]/hook",
				"https://[::ffff:198.18.0.1]/hook" }) {
			assertThat(NewArsVerification.callbackUrlProblem(url, false)).as(url).isNotNull();
		}
		for (String url : new String[] { "https://[::1%251]/h", "https://[fe80::1%25eth0]/h" }) {
			assertThat(NewArsVerification.callbackUrlProblem(url, false)).as(url).contains("zone id");
			assertThat(NewArsVerification.callbackUrlProblem(url, true)).as("%s, even locally", url)
				.contains("zone id");
		}
		assertThat(NewArsVerification.callbackUrlProblem("https://shop.example/hook", false)).isNull();
	}

	@Test
	void localCallbacksAreRefusedByDefault() {
		assertThat(new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("gateway", GatewayProperties.class)
			.verification()
			.allowLocalHttpCallbacks()).isFalse();
	}

}
