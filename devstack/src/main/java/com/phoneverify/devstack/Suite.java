package com.phoneverify.devstack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.phoneverify.ars.ArsCallApplication;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.gateway.GatewayApplication;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import com.phoneverify.simulators.phone.http.PhoneSimulatorHttpApi;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running suite: infrastructure, phone simulator, gateway and ARS call service, wired
 * together. Used by {@link DevStack} with fixed ports and by the end-to-end tests with
 * free ones. Both services share one sealing key ring, generated per start, as they would
 * share one from a key store in production.
 */
public final class Suite implements AutoCloseable {

	private final EmbeddedInfra infra;

	private final PhoneSimulator phones;

	private final PhoneSimulatorHttpApi phonesHttp;

	private final ConfigurableApplicationContext gateway;

	private final ConfigurableApplicationContext ars;

	private final String adminToken;

	private final Sealer sealer;

	private Suite(EmbeddedInfra infra, PhoneSimulator phones, PhoneSimulatorHttpApi phonesHttp,
			ConfigurableApplicationContext gateway, ConfigurableApplicationContext ars, String adminToken,
			Sealer sealer) {
		this.infra = infra;
		this.phones = phones;
		this.phonesHttp = phonesHttp;
		this.gateway = gateway;
		this.ars = ars;
		this.adminToken = adminToken;
		this.sealer = sealer;
	}

	/**
	 * @param ports fixed ports for devstack, or {@link Ports#ephemeral()} for tests
	 * @param arsOverrides settings of the ARS call service that win over the suite's (an
	 * external SIP trunk or phone instead of the simulator, a different channel limit)
	 */
	public static Suite start(EmbeddedInfra infra, Ports ports, Map<String, Object> arsOverrides) {
		PhoneSimulator phones = PhoneSimulator
			.start(PhoneSimulatorOptions.defaults().withSipHost("127.0.0.1").withSipPort(ports.simulatorSip()));
		PhoneSimulatorHttpApi phonesHttp = PhoneSimulatorHttpApi.start(phones, "127.0.0.1", ports.simulatorHttp());
		// The events key ring is shared with the ARS call service, which must open the
		// sealed
		// phone number and code; the at-rest ring (merchants' secrets) stays in the
		// gateway.
		String sealingKey = randomBase64(32);
		String atRestKey = randomBase64(32);
		String adminToken = randomBase64(24);

		Map<String, Object> gatewayProperties = new HashMap<>();
		gatewayProperties.put("spring.application.name", "gateway-service");
		gatewayProperties.put("server.port", ports.gatewayHttp());
		gatewayProperties.put("gateway.admin.token", adminToken);
		gatewayProperties.put("gateway.sealing.events.keys.devstack", sealingKey);
		gatewayProperties.put("gateway.sealing.events.current-key-id", "devstack");
		gatewayProperties.put("gateway.sealing.at-rest.keys.devstack", atRestKey);
		gatewayProperties.put("gateway.sealing.at-rest.current-key-id", "devstack");
		gatewayProperties.put("gateway.verification.code-pepper", randomBase64(32));
		// devstack's merchants are scripts and tests on this machine
		gatewayProperties.put("gateway.verification.allow-local-http-callbacks", "true");
		ConfigurableApplicationContext gateway = start(GatewayApplication.class, infra, gatewayProperties);

		Map<String, Object> arsProperties = new HashMap<>();
		arsProperties.put("spring.application.name", "ars-call-service");
		arsProperties.put("server.port", ports.arsHttp());
		arsProperties.put("ars.sip.local-host", "127.0.0.1");
		arsProperties.put("ars.sip.local-port", ports.arsSip());
		arsProperties.put("ars.sip.trunk", "127.0.0.1:" + phones.sipAddress().getPort());
		arsProperties.put("ars.sealing.keys.devstack", sealingKey);
		arsProperties.put("ars.sealing.current-key-id", "devstack");
		arsProperties.putAll(arsOverrides);
		ConfigurableApplicationContext ars = start(ArsCallApplication.class, infra, arsProperties);
		return new Suite(infra, phones, phonesHttp, gateway, ars, adminToken,
				Sealer.of(Map.of("devstack", sealingKey), "devstack"));
	}

	/**
	 * Each service reads its own {@code <name>.yaml}: both jars also carry an
	 * {@code application.yaml}, and on one class path only the first would be found. The
	 * suite's settings go in as command-line arguments so that they win over the
	 * service's file.
	 */
	private static ConfigurableApplicationContext start(Class<?> application, EmbeddedInfra infra,
			Map<String, Object> properties) {
		Map<String, Object> settings = new HashMap<>(properties);
		settings.put("spring.config.name", properties.get("spring.application.name"));
		// Logging is one system per JVM: a per-context application name would label every
		// line
		// with whichever service started last. Thread and logger names tell the services
		// apart.
		settings.put("logging.include-application-name", "false");
		String[] arguments = settings.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(application).initializers(new EmbeddedInfraInitializer(infra))
			.run(arguments);
	}

	public EmbeddedInfra infra() {
		return this.infra;
	}

	public PhoneSimulator phones() {
		return this.phones;
	}

	public String phonesUrl() {
		return "http://localhost:" + this.phonesHttp.address().getPort();
	}

	public String gatewayUrl() {
		return "http://localhost:" + port(this.gateway);
	}

	public String arsUrl() {
		return "http://localhost:" + port(this.ars);
	}

	/**
	 * Where the ARS call service sends its INVITEs: the simulator, or what ARS_SIP_TRUNK
	 * named.
	 */
	public String trunk() {
		return this.ars.getEnvironment().getProperty("ars.sip.trunk");
	}

	public String adminToken() {
		return this.adminToken;
	}

	/**
	 * The key ring both services seal with. Tests use it, as an operator could, to read
	 * the code that the phone heard from {@code auth-requested}.
	 */
	public Sealer sealer() {
		return this.sealer;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.ars.close();
		this.gateway.close();
		this.phonesHttp.close();
		this.phones.close();
	}

	private static String randomBase64(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

	/** Where each part listens; 0 means any free port. */
	public record Ports(int gatewayHttp, int arsHttp, int arsSip, int simulatorSip, int simulatorHttp) {

		/** 8080, 8081, 5060, 5070 and 8070, each plus {@code offset}. */
		public static Ports devstack(int offset) {
			return new Ports(8080 + offset, 8081 + offset, 5060 + offset, 5070 + offset, 8070 + offset);
		}

		public static Ports ephemeral() {
			return new Ports(0, 0, 0, 0, 0);
		}

	}

}
