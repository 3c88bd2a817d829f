package com.phoneverify.simulators.smsc;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the SMSC simulator standalone: SMPP on 2775 and the HTTP API on 8075 by default.
 * <p>
 * Arguments {@code --smpp-port=N --http-port=N --host=ADDR --system-id=ID --password=PW},
 * or the environment variables {@code SMSC_SMPP_PORT}, {@code SMSC_HTTP_PORT},
 * {@code SMSC_HOST}; arguments win.
 */
public final class SmscSimulatorApplication {

	private SmscSimulatorApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		String host = setting(args, "host", "SMSC_HOST", "127.0.0.1");
		int smppPort = Integer.parseInt(setting(args, "smpp-port", "SMSC_SMPP_PORT", "2775"));
		int httpPort = Integer.parseInt(setting(args, "http-port", "SMSC_HTTP_PORT", "8075"));
		String password = setting(args, "password", "SMSC_PASSWORD", "");
		int degree = Integer.parseInt(setting(args, "pdu-threads", "SMSC_PDU_THREADS", "1"));
		SmscSimulatorOptions options = new SmscSimulatorOptions(host, smppPort,
				setting(args, "system-id", "SMSC_SYSTEM_ID", "smsc-sim"), password.isEmpty() ? null : password, degree,
				2);
		SmscSimulator smsc = SmscSimulator.start(options);
		SmscHttpApi api = SmscHttpApi.start(smsc, host, httpPort);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			api.close();
			smsc.close();
			stopped.countDown();
		}, "smsc-simulator-shutdown"));
		System.out.printf("SMSC simulator: SMPP %s:%d, HTTP http://%s:%d/stats%n", host, smsc.address().getPort(), host,
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
