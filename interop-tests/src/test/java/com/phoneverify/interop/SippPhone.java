package com.phoneverify.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIPp from Debian's sip-tester package, run as an independent phone (UAS) with one of
 * our scenario files: it answers one call, plays what the scenario says and exits with 0
 * when the scenario completed.
 */
final class SippPhone implements AutoCloseable {

	private final Process process;

	private final int sipPort;

	private final Path log;

	private SippPhone(Process process, int sipPort, Path log) {
		this.process = process;
		this.sipPort = sipPort;
		this.log = log;
	}

	/**
	 * @param scenarioResource our scenario file on the test class path
	 * @param options further SIPp options, e.g. {@code -nr}
	 */
	static SippPhone answer(String scenarioResource, String... options) throws IOException {
		Path workDir = Files.createTempDirectory("sipp-");
		Path scenario = workDir.resolve("scenario.xml");
		try (InputStream in = SippPhone.class.getResourceAsStream(scenarioResource)) {
			if (in == null) {
				throw new IllegalArgumentException("no scenario " + scenarioResource);
			}
			Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
		}
		int sipPort = freeUdpPort();
		int mediaPort = freeUdpPort();
		Path log = workDir.resolve("sipp.out");
		List<String> command = new ArrayList<>(List.of(sipp(), "-sf", scenario.toString(), "-i", "127.0.0.1", "-p",
				String.valueOf(sipPort), "-mi", "127.0.0.1", "-mp", String.valueOf(mediaPort), "-m", "1", "-timeout",
				"90s", "-trace_err", "-nostdin"));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new SippPhone(process, sipPort, log);
	}

	int sipPort() {
		return this.sipPort;
	}

	/** SIPp's exit code: 0 when every call of the scenario succeeded. */
	int awaitExit(long seconds) throws InterruptedException {
		if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("SIPp did not finish in " + seconds + " s; see " + this.log);
		}
		return this.process.exitValue();
	}

	String output() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private static String sipp() {
		for (String candidate : List.of("/usr/bin/sipp", "/usr/local/bin/sipp")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException("SIPp is not installed: apt-get install sip-tester (.ci/run does this)");
	}

	private static int freeUdpPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
