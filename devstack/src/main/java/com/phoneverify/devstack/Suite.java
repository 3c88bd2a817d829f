package com.phoneverify.devstack;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import java.security.KeyPair;

import com.phoneverify.ars.ArsCallApplication;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.embedded.EmbeddedInfra;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.gateway.GatewayApplication;
import com.phoneverify.otp.OtpApplication;
import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import com.phoneverify.simulators.phone.http.PhoneSimulatorHttpApi;
import com.phoneverify.simulators.smsc.SmscHttpApi;
import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.smsc.SmscSimulatorOptions;
import com.phoneverify.simulators.telco.TelcoSimulator;
import com.phoneverify.sms.SmsRelayApplication;
import com.phoneverify.transfer.TransferApplication;
import com.phoneverify.transfer.evidence.EvidenceKeys;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running suite: infrastructure, phone simulator and the services of
 * {@link #SERVICES}, wired together. Used by {@link DevStack} with fixed ports and by the
 * end-to-end tests with free ones. The services share one events key ring, generated per
 * start, as they would share one from a key store in production.
 * <p>
 * Adding a service is one entry in {@link #SERVICES}: its name, its application class and
 * its properties given what the suite shares. Services start in the list's order and
 * close in reverse.
 */
public final class Suite implements AutoCloseable {

	/** Name of the gateway's entry. */
	public static final String GATEWAY = "gateway-service";

	/** Name of the ARS call service's entry. */
	public static final String ARS = "ars-call-service";

	/** Name of the OTP service's entry. */
	public static final String OTP = "otp-service";

	/** The OTP service's internal port in devstack, before the offset. */
	static final int OTP_PORT = 8083;

	/**
	 * HOTP devices {@code 01/BENCH00001} … the registry simulator also knows, with the
	 * demo devices' seed: one per client of the OTP benchmark ({@code bench.otp}), so
	 * that no two clients share a customer's row lock.
	 */
	static final int OTP_BENCH_DEVICES = 64;

	/** Name of the 2-WAY transfer service's entry. */
	public static final String TRANSFER = "transfer-consent-service";

	/**
	 * Transfers above this many won need the remitter's OTP in devstack (an OCRA code
	 * over recipient account and amount, verified by otp-service): the README's 2-WAY
	 * walk-through shows both sides of it.
	 */
	public static final long TRANSFER_OTP_REQUIRED_ABOVE = 500_000;

	/** Name of the SMS relay's entry. */
	public static final String SMS = "sms-relay-service";

	/** The sender number devstack registers with the SMS relay (a business number). */
	public static final String SMS_SENDER_NUMBER = "15880000";

	/** The 2-WAY service number: replies to it are consent replies. */
	public static final String SMS_TWO_WAY_NUMBER = "15880000";

	/** The gateway's management (actuator) port in devstack, before the offset. */
	static final int GATEWAY_MANAGEMENT_PORT = 8090;

	private static final String EVENTS_KEY_ID = "devstack";

	/** Every service of the suite, in start order; they close in reverse. */
	static final List<Service> SERVICES = List.of(
			new Service(GATEWAY, GatewayApplication.class, 8080, Suite::gatewayProperties),
			new Service(ARS, ArsCallApplication.class, 8081, Suite::arsProperties),
			new Service(OTP, OtpApplication.class, OTP_PORT, Suite::otpProperties),
			new Service(TRANSFER, TransferApplication.class, 8084, Suite::transferProperties),
			new Service(SMS, SmsRelayApplication.class, 8085, Suite::smsProperties));

	private static Map<String, Object> gatewayProperties(Shared shared) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("gateway.admin.token", shared.adminToken());
		// actuator apart from the merchant-facing port, as in production
		properties.put("management.server.port", shared.ports().port(GATEWAY_MANAGEMENT_PORT));
		properties.put("gateway.sealing.events.keys." + shared.eventsKeyId(), shared.eventsKey());
		properties.put("gateway.sealing.events.current-key-id", shared.eventsKeyId());
		// the at-rest ring (merchants' secrets) stays in the gateway
		properties.put("gateway.sealing.at-rest.keys.devstack", randomBase64(32));
		properties.put("gateway.sealing.at-rest.current-key-id", "devstack");
		properties.put("gateway.verification.code-pepper", randomBase64(32));
		// devstack's merchants are scripts and tests on this machine
		properties.put("gateway.verification.allow-local-http-callbacks", "true");
		// /v1/otp/** forwards to otp-service, which starts after the gateway on this port
		properties.put("gateway.otp.base-url", "http://127.0.0.1:" + shared.otpPort());
		return properties;
	}

	/**
	 * otp-service with fresh keys and the registry simulator's demo devices:
	 * {@code 01/DEMO000001} (HOTP, SHA-1, 6 digits) and {@code 01/DEMO000002} (TOTP,
	 * SHA-1, 6 digits, 30 s), both with RFC 4226's test secret
	 * {@code 12345678901234567890} (hex {@code 3132…3930}), so {@code oathtool} can play
	 * the device in the README walk-through; and {@link #OTP_BENCH_DEVICES} HOTP devices
	 * with the same seed for the benchmark.
	 */
	private static Map<String, Object> otpProperties(Shared shared) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", shared.otpPort());
		properties.put("otp.secrets.keys.devstack", randomBase64(32));
		properties.put("otp.secrets.current-key-id", "devstack");
		properties.put("otp.secrets.lookup-key", randomBase64(32));
		properties.put("otp.sealing.keys." + shared.eventsKeyId(), shared.eventsKey());
		properties.put("otp.sealing.current-key-id", shared.eventsKeyId());
		List<String> serials = new ArrayList<>(List.of("DEMO000001", "DEMO000002"));
		for (int i = 1; i <= OTP_BENCH_DEVICES; i++) {
			serials.add(String.format("BENCH%05d", i));
		}
		for (int i = 0; i < serials.size(); i++) {
			String device = "otp.registry.demo-devices[" + i + "].";
			properties.put(device + "vendor-code", "01");
			properties.put(device + "serial", serials.get(i));
			properties.put(device + "seed-hex", "3132333435363738393031323334353637383930");
			properties.put(device + "time-based", String.valueOf(i == 1));
		}
		return properties;
	}

	private static Map<String, Object> arsProperties(Shared shared) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("ars.sip.local-host", "127.0.0.1");
		properties.put("ars.sip.local-port", shared.ports().port(5060));
		properties.put("ars.sip.trunk", "127.0.0.1:" + shared.phones().sipAddress().getPort());
		// the events ring opens the sealed phone number and code of auth-requested
		properties.put("ars.sealing.keys." + shared.eventsKeyId(), shared.eventsKey());
		properties.put("ars.sealing.current-key-id", shared.eventsKeyId());
		return properties;
	}

	private static Map<String, Object> transferProperties(Shared shared) {
		Map<String, Object> properties = new HashMap<>();
		// the events ring seals the SMS topics and opens the gateway's transfer requests
		properties.put("transfer.sealing.keys." + shared.eventsKeyId(), shared.eventsKey());
		properties.put("transfer.sealing.current-key-id", shared.eventsKeyId());
		properties.put("transfer.codes.key", randomBase64(32));
		KeyPair evidence = EvidenceKeys.generate();
		properties.put("transfer.evidence.private-key",
				Base64.getEncoder().encodeToString(evidence.getPrivate().getEncoded()));
		properties.put("transfer.evidence.public-key",
				Base64.getEncoder().encodeToString(evidence.getPublic().getEncoded()));
		properties.put("transfer.telco.base-url", shared.telcoUrl());
		properties.put("transfer.otp.required-above", TRANSFER_OTP_REQUIRED_ABOVE);
		// its SMS come from the 2-WAY number, which the relay has registered
		properties.put("transfer.sms.sender-number", SMS_TWO_WAY_NUMBER);
		return properties;
	}

	private static Map<String, Object> smsProperties(Shared shared) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("sms.smsc.host", "127.0.0.1");
		properties.put("sms.smsc.port", shared.smsc().address().getPort());
		// the events ring opens sms-outbound's number and text and seals consent-replied
		properties.put("sms.sealing.keys." + shared.eventsKeyId(), shared.eventsKey());
		properties.put("sms.sealing.current-key-id", shared.eventsKeyId());
		properties.put("sms.sender-numbers[0]", SMS_SENDER_NUMBER);
		properties.put("sms.two-way-number", SMS_TWO_WAY_NUMBER);
		return properties;
	}

	private final EmbeddedInfra infra;

	private final PhoneSimulator phones;

	private final SmscSimulator smsc;

	private final SmscHttpApi smscHttp;

	private final PhoneSimulatorHttpApi phonesHttp;

	private final Map<String, ConfigurableApplicationContext> services;

	private final String adminToken;

	private final Sealer sealer;

	private final TelcoSimulator telco;

	private Suite(EmbeddedInfra infra, PhoneSimulator phones, PhoneSimulatorHttpApi phonesHttp, SmscSimulator smsc,
			SmscHttpApi smscHttp, TelcoSimulator telco, Map<String, ConfigurableApplicationContext> services,
			String adminToken, Sealer sealer) {
		this.infra = infra;
		this.phones = phones;
		this.smsc = smsc;
		this.smscHttp = smscHttp;
		this.phonesHttp = phonesHttp;
		this.services = services;
		this.adminToken = adminToken;
		this.sealer = sealer;
		this.telco = telco;
	}

	/**
	 * @param ports fixed ports for devstack, or {@link Ports#ephemeral()} for tests
	 * @param arsOverrides settings of the ARS call service that win over the suite's (an
	 * external SIP trunk or phone instead of the simulator, a different channel limit)
	 */
	public static Suite start(EmbeddedInfra infra, Ports ports, Map<String, Object> arsOverrides) {
		return startWithOverrides(infra, ports, Map.of(ARS, arsOverrides));
	}

	/**
	 * Starts the phone simulator, then every service of {@link #SERVICES} in order. If
	 * one fails to start, those already started are closed (in reverse) before the
	 * failure is thrown.
	 * @param ports fixed ports for devstack, or {@link Ports#ephemeral()} for tests
	 * @param overrides settings per service name that win over the suite's
	 */
	public static Suite startWithOverrides(EmbeddedInfra infra, Ports ports,
			Map<String, Map<String, Object>> overrides) {
		PhoneSimulator phones = PhoneSimulator
			.start(PhoneSimulatorOptions.defaults().withSipHost("127.0.0.1").withSipPort(ports.port(5070)));
		PhoneSimulatorHttpApi phonesHttp = null;
		SmscSimulator smsc = null;
		SmscHttpApi smscHttp = null;
		TelcoSimulator telco = null;
		Map<String, ConfigurableApplicationContext> started = new LinkedHashMap<>();
		try {
			phonesHttp = PhoneSimulatorHttpApi.start(phones, "127.0.0.1", ports.port(8070));
			smsc = SmscSimulator.start(SmscSimulatorOptions.defaults().withPort(ports.port(2775)));
			smscHttp = SmscHttpApi.start(smsc, "127.0.0.1", ports.port(8075));
			telco = TelcoSimulator.start("127.0.0.1", ports.port(8095));
			Shared shared = new Shared(ports, infra, phones, smsc, EVENTS_KEY_ID, randomBase64(32), randomBase64(24),
					ports.anyFree() ? freePort() : ports.port(OTP_PORT), telco.baseUrl());
			for (Service service : SERVICES) {
				Map<String, Object> properties = new HashMap<>(service.properties().apply(shared));
				properties.put("spring.application.name", service.name());
				properties.putIfAbsent("server.port", ports.port(service.devstackHttpPort()));
				properties.putAll(overrides.getOrDefault(service.name(), Map.of()));
				started.put(service.name(), start(service.application(), infra, properties));
			}
			return new Suite(infra, phones, phonesHttp, smsc, smscHttp, telco, Collections.unmodifiableMap(started),
					shared.adminToken(),
					Sealer.of(Map.of(shared.eventsKeyId(), shared.eventsKey()), shared.eventsKeyId()));
		}
		catch (RuntimeException ex) {
			closeAll(started, phonesHttp, phones, smscHttp, smsc);
			if (telco != null) {
				telco.close();
			}
			throw ex;
		}
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
		// line with whichever service started last. Thread and logger names tell the
		// services apart.
		settings.put("logging.include-application-name", "false");
		String[] arguments = settings.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		// No shutdown hook per context: hooks run concurrently, and the services must
		// stop
		// before the broker and the database they drain into (devstack's one hook).
		return new SpringApplicationBuilder(application).initializers(new EmbeddedInfraInitializer(infra))
			.registerShutdownHook(false)
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

	/** The SMSC simulator the SMS relay is bound to. */
	public SmscSimulator smsc() {
		return this.smsc;
	}

	/** The SMSC simulator's HTTP API (handset inboxes, replies, switches). */
	public String smscUrl() {
		return "http://localhost:" + this.smscHttp.address().getPort();
	}

	/** The base URL of a service of {@link #SERVICES}, by its name. */
	public String url(String service) {
		return "http://localhost:" + port(context(service));
	}

	public String gatewayUrl() {
		return url(GATEWAY);
	}

	/**
	 * The base URL of a service's actuator: its management port when it has one of its
	 * own (the gateway), else its HTTP port.
	 */
	public String managementUrl(String service) {
		ConfigurableApplicationContext context = context(service);
		Integer management = context.getEnvironment().getProperty("local.management.port", Integer.class);
		return "http://localhost:" + ((management != null) ? management : port(context));
	}

	public String otpUrl() {
		return url(OTP);
	}

	/** The 2-WAY transfer service (the bank's business server API). */
	public String transferUrl() {
		return url(TRANSFER);
	}

	/** The telco name-check simulator. */
	public String telcoUrl() {
		return this.telco.baseUrl();
	}

	public String arsUrl() {
		return url(ARS);
	}

	/**
	 * Where the ARS call service sends its INVITEs: the simulator, or what ARS_SIP_TRUNK
	 * named.
	 */
	public String trunk() {
		return context(ARS).getEnvironment().getProperty("ars.sip.trunk");
	}

	public String adminToken() {
		return this.adminToken;
	}

	/**
	 * The events key ring the services seal with. Tests use it, as an operator could, to
	 * read the code that the phone heard from {@code auth-requested}.
	 */
	public Sealer sealer() {
		return this.sealer;
	}

	private ConfigurableApplicationContext context(String service) {
		ConfigurableApplicationContext context = this.services.get(service);
		if (context == null) {
			throw new IllegalArgumentException("no service " + service + " in the suite: " + this.services.keySet());
		}
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Closes the services in reverse start order, then the simulators. */
	@Override
	public void close() {
		closeAll(this.services, this.phonesHttp, this.phones, this.smscHttp, this.smsc);
		this.telco.close();
	}

	private static void closeAll(Map<String, ConfigurableApplicationContext> services, PhoneSimulatorHttpApi phonesHttp,
			PhoneSimulator phones, SmscHttpApi smscHttp, SmscSimulator smsc) {
		List<ConfigurableApplicationContext> reverse = new ArrayList<>(services.values());
		Collections.reverse(reverse);
		reverse.forEach(ConfigurableApplicationContext::close);
		if (phonesHttp != null) {
			phonesHttp.close();
		}
		phones.close();
		if (smscHttp != null) {
			smscHttp.close();
		}
		if (smsc != null) {
			smsc.close();
		}
	}

	private static String randomBase64(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

	/**
	 * One service of the suite.
	 *
	 * @param name its name: {@code spring.application.name}, and the name of its
	 * configuration file ({@code <name>.yaml})
	 * @param application its {@code @SpringBootApplication} class
	 * @param devstackHttpPort its HTTP port in devstack (before the offset); see
	 * {@link Ports#port(int)}
	 * @param properties its settings, given what the suite shares (the events key ring,
	 * ports, the phone simulator, the infrastructure)
	 */
	record Service(String name, Class<?> application, int devstackHttpPort,
			Function<Shared, Map<String, Object>> properties) {
	}

	/**
	 * What the suite shares with its services.
	 *
	 * @param ports where things listen
	 * @param infra the Kafka broker and PostgreSQL (every service also gets them through
	 * {@link EmbeddedInfraInitializer})
	 * @param phones the phone simulator, the services' SIP trunk
	 * @param smsc the SMSC simulator, the SMS relay's SMSC
	 * @param eventsKeyId the id of the events key ring's only key
	 * @param eventsKey that key, Base64 of 32 random bytes
	 * @param adminToken the gateway's admin bearer token
	 * @param otpPort otp-service's HTTP port, known before it starts: the gateway, which
	 * starts first, forwards {@code /v1/otp/**} to it
	 * @param telcoUrl the telco name-check simulator
	 */
	record Shared(Ports ports, EmbeddedInfra infra, PhoneSimulator phones, SmscSimulator smsc, String eventsKeyId,
			String eventsKey, String adminToken, int otpPort, String telcoUrl) {
	}

	/** A port free now (for a service whose port another must know before it starts). */
	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("no free port", ex);
		}
	}

	/**
	 * Where each part listens: devstack's fixed ports (8080 gateway, 8090 its actuator,
	 * 8081 ARS call service, 8083 OTP service, 8084 the transfer service, 8085 the SMS
	 * relay, 5060 the call service's SIP, 5070 and 8070 the phone simulator, 2775 (SMPP)
	 * and 8075 the SMSC simulator, 8095 the telco simulator), each plus an offset, or any
	 * free port.
	 *
	 * @param offset added to every devstack port
	 * @param anyFree whether every part takes a free port instead
	 */
	public record Ports(int offset, boolean anyFree) {

		/** Devstack's ports, each plus {@code offset}. */
		public static Ports devstack(int offset) {
			return new Ports(offset, false);
		}

		public static Ports ephemeral() {
			return new Ports(0, true);
		}

		/**
		 * @param devstackPort the port in devstack before the offset
		 * @return that port plus the offset, or 0 (any free port)
		 */
		public int port(int devstackPort) {
			return this.anyFree ? 0 : devstackPort + this.offset;
		}

	}

}
