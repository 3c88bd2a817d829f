package com.phoneverify.simulators;

import java.util.concurrent.CountDownLatch;

import com.phoneverify.simulators.phone.PhoneSimulator;
import com.phoneverify.simulators.phone.PhoneSimulatorOptions;
import com.phoneverify.simulators.phone.http.PhoneSimulatorHttpApi;

/**
 * Runs the phone simulator standalone: SIP on UDP 5070 and the HTTP API on 8070 by
 * default.
 * <p>
 * Arguments {@code --sip-port=N --http-port=N --host=ADDR}, or the environment variables
 * {@code SIM_SIP_PORT}, {@code SIM_HTTP_PORT}, {@code SIM_HOST}; arguments win.
 */
public final class PhoneSimulatorApplication {

	private PhoneSimulatorApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		// before the first logger exists; an explicit -Dlogback.configurationFile still
		// wins
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "phone-simulator-logback.xml");
		}
		String host = setting(args, "host", "SIM_HOST", "127.0.0.1");
		int sipPort = Integer.parseInt(setting(args, "sip-port", "SIM_SIP_PORT", "5070"));
		int httpPort = Integer.parseInt(setting(args, "http-port", "SIM_HTTP_PORT", "8070"));
		PhoneSimulator simulator = PhoneSimulator
			.start(PhoneSimulatorOptions.defaults().withSipHost(host).withSipPort(sipPort));
		PhoneSimulatorHttpApi api = PhoneSimulatorHttpApi.start(simulator, host, httpPort);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			api.close();
			simulator.close();
			stopped.countDown();
		}, "phone-simulator-shutdown"));
		System.out.printf("Phone simulator: SIP udp %s:%d (dial sip:<E.164>@%s:%d), HTTP http://%s:%d/calls%n", host,
				simulator.sipAddress().getPort(), host, simulator.sipAddress().getPort(), host,
				api.address().getPort());
		stopped.await();
	}

	private static String setting(String[] args, String name, String environmentVariable, String fallback) {
		String prefix = "--" + name + "=";
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				return arg.substring(prefix.length());
			}
		}
		String fromEnvironment = System.getenv(environmentVariable);
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : fallback;
	}

}
