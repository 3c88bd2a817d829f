package com.phoneverify.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * baresip from Debian's baresip package, run as an independent phone: headless (no sound
 * card: what it hears goes into {@code aubridge} and comes back as what it says),
 * answering every call at once ({@code answermode=auto}), on loopback with free ports.
 * Keys are typed through its {@code ctrl_tcp} command socket ({@code sndcode}, RFC 4733
 * telephone-events). Everything it says is kept in a log file.
 */
final class BaresipPhone implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int sipPort;

	private final int controlPort;

	private BaresipPhone(Process process, Path log, int sipPort, int controlPort) {
		this.process = process;
		this.log = log;
		this.sipPort = sipPort;
		this.controlPort = controlPort;
	}

	/**
	 * Starts baresip as the phone with this number and waits until it is ready to take
	 * calls.
	 * @param number the E.164 number dialled: baresip answers a call only when the
	 * Request-URI's user part is its account's
	 */
	static BaresipPhone autoAnswering(String number) throws IOException, InterruptedException {
		// a port found free can be taken before baresip binds it (another process's
		// outgoing connection, in a busy build): try again on other ports
		for (int attempt = 1;; attempt++) {
			try {
				return start(number);
			}
			catch (AssertionError ex) {
				if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("Address already in use")) {
					throw ex;
				}
			}
		}
	}

	private static BaresipPhone start(String number) throws IOException, InterruptedException {
		Path workDir = Files.createTempDirectory("baresip-");
		int sipPort = freeSipPort();
		int controlPort = freeTcpPort();
		int rtpPort = freeUdpPortPair();
		// no sound card: what it hears goes into an aubridge device whose other end is
		// what it says (an echo); G.711 only; commands over ctrl_tcp
		Files.writeString(workDir.resolve("config"), """
				poll_method epoll
				sip_listen 127.0.0.1:%d
				net_interface 127.0.0.1
				rtp_ports %d-%d
				call_local_timeout 120
				audio_player aubridge,phone
				audio_source aubridge,phone
				audio_alert aubridge,alert
				module_path /usr/lib/baresip/modules
				module g711.so
				module aubridge.so
				module_tmp account.so
				module_app menu.so
				statmode_default off
				module_app ctrl_tcp.so
				ctrl_tcp_listen 127.0.0.1:%d
				""".formatted(sipPort, rtpPort, rtpPort + 1, controlPort));
		// no registrar: regint=0; every call is answered at once
		Files.writeString(workDir.resolve("accounts"),
				"<sip:" + number + "@127.0.0.1:" + sipPort + ">;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n");
		Path log = workDir.resolve("baresip.out");
		Process process = new ProcessBuilder(baresip(), "-f", workDir.toString()).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		BaresipPhone phone = new BaresipPhone(process, log, sipPort, controlPort);
		phone.awaitLog(Pattern.compile("baresip is ready"), Duration.ofSeconds(15));
		return phone;
	}

	int sipPort() {
		return this.sipPort;
	}

	/**
	 * Types keys into the current call, one {@code sndcode} command per key (each key its
	 * own RFC 4733 event, pressed and released), {@code gap} apart.
	 */
	void pressKeys(String keys, Duration gap) throws IOException, InterruptedException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.controlPort)) {
			OutputStream out = socket.getOutputStream();
			int token = 0;
			for (char key : keys.toCharArray()) {
				String json = "{\"command\":\"sndcode\",\"params\":\"" + key + "\",\"token\":\"" + (++token) + "\"}";
				byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
				// ctrl_tcp speaks netstrings: <length>:<bytes>,
				out.write((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
				out.write(bytes);
				out.write(',');
				out.flush();
				Thread.sleep(gap.toMillis());
			}
		}
	}

	/** Waits until a line of baresip's output matches. */
	String awaitLog(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (String line : output().split("\n")) {
				if (pattern.matcher(line).find()) {
					return line;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("baresip did not log /" + pattern + "/ within " + timeout + ":\n" + output());
			}
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"baresip exited with " + this.process.exitValue() + " before /" + pattern + "/:\n" + output());
			}
			Thread.sleep(100);
		}
	}

	String output() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static String baresip() {
		for (String candidate : List.of("/usr/bin/baresip", "/usr/local/bin/baresip")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException("baresip is not installed: apt-get install baresip (.ci/run does this)");
	}

	private static int freeUdpPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** A port free for both UDP and TCP: baresip listens for SIP on both. */
	private static int freeSipPort() throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			int port = freeUdpPort();
			try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// taken for TCP: try another
			}
		}
		throw new IOException("no port free for both UDP and TCP");
	}

	private static int freeTcpPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** An even port whose successor is free too (RTP and RTCP). */
	private static int freeUdpPortPair() throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			int port = freeUdpPort() & ~1;
			try (DatagramSocket rtp = new DatagramSocket(port); DatagramSocket rtcp = new DatagramSocket(port + 1)) {
				return port;
			}
			catch (IOException ex) {
				// taken meanwhile: try another
			}
		}
		throw new IOException("no free pair of UDP ports");
	}

}
