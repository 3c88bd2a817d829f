package com.phoneverify.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Kannel's bearerbox and smsbox from Debian's kannel package, configured as an ESME (one
 * SMPP transceiver) against an SMSC, with the sendsms HTTP interface in front.
 */
final class KannelBox implements AutoCloseable {

	private final Process bearerbox;

	private final Process smsbox;

	private final Path work;

	private final int sendsmsPort;

	private final HttpClient http = HttpClient.newHttpClient();

	private KannelBox(Process bearerbox, Process smsbox, Path work, int sendsmsPort) {
		this.bearerbox = bearerbox;
		this.smsbox = smsbox;
		this.work = work;
		this.sendsmsPort = sendsmsPort;
	}

	/**
	 * @param smscPort the SMSC's SMPP port
	 * @param capturePort where smsbox sends MOs ({@code /mo?from=&to=&text=})
	 * @param spool whether bearerbox keeps what it accepted in its spool store (durable)
	 * @param logLevel Kannel's log level (0 debug … 4 panic)
	 */
	static KannelBox start(int smscPort, int capturePort, boolean spool, int window, int logLevel) throws IOException {
		Path work = Files.createTempDirectory("kannel-");
		int sendsmsPort = freePort();
		String template;
		try (InputStream in = KannelBox.class.getResourceAsStream("/smpp/kannel.conf.template")) {
			template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int smsboxPort = freePort();
		Map<String, String> values = Map.of("adminPort", String.valueOf(freePort()), "smsboxPort",
				String.valueOf(smsboxPort), "sendsmsPort", String.valueOf(sendsmsPort), "smscPort",
				String.valueOf(smscPort), "capturePort", String.valueOf(capturePort), "work", work.toString(), "store",
				spool ? "store-type = spool\nstore-location = \"" + work.resolve("spool") + "\"" : "", "window",
				String.valueOf(window), "logLevel", String.valueOf(logLevel));
		for (Map.Entry<String, String> value : values.entrySet()) {
			template = template.replace("${" + value.getKey() + "}", value.getValue());
		}
		if (spool) {
			Files.createDirectories(work.resolve("spool"));
		}
		Path config = work.resolve("kannel.conf");
		Files.writeString(config, template);
		Process bearerbox = new ProcessBuilder(binary("bearerbox"), config.toString()).redirectErrorStream(true)
			.redirectOutput(work.resolve("bearerbox.out").toFile())
			.start();
		// smsbox gives up at once (PANIC) when bearerbox is not listening for it yet: a
		// fixed pause lost that race on a busy machine
		awaitPort(smsboxPort, "Kannel's bearerbox did not open its smsbox port", work);
		Process smsbox = new ProcessBuilder(binary("smsbox"), config.toString()).redirectErrorStream(true)
			.redirectOutput(work.resolve("smsbox.out").toFile())
			.start();
		KannelBox box = new KannelBox(bearerbox, smsbox, work, sendsmsPort);
		awaitPort(sendsmsPort, "Kannel's smsbox did not open its sendsms port", work);
		return box;
	}

	Path work() {
		return this.work;
	}

	/**
	 * Sends through smsbox's sendsms interface; returns Kannel's answer (202 "0: Accepted
	 * for delivery").
	 */
	HttpResponse<String> sendsms(String from, String to, String text, int coding, String extra)
			throws IOException, InterruptedException {
		String query = "username=interop&password=interop&from=" + from + "&to=" + to + "&charset=UTF-8&coding="
				+ coding + "&text=" + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8) + extra;
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.sendsmsPort + "/cgi-bin/sendsms?" + query))
					.timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitPort(int port, String failure, Path work) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException ex) {
				sleep(200);
			}
		}
		throw new AssertionError(failure + "; see " + work);
	}

	@Override
	public void close() {
		this.smsbox.destroy();
		this.bearerbox.destroy();
		try {
			this.smsbox.waitFor();
			this.bearerbox.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String binary(String name) {
		for (String candidate : new String[] { "/usr/sbin/" + name, "/usr/bin/" + name }) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException(
				"Kannel's " + name + " is not installed: apt-get install kannel (.ci/run does this)");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
