package com.phoneverify.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the broker and the database as an operator does (SIGTERM, as Ctrl-C), in a
 * process of its own: Kafka's test kit used to delete the broker's log directory from a
 * shutdown hook of its own while the broker still ran, and the broker then marked its
 * directories offline and kept logging it until the JVM gave up, over a minute later.
 */
class InfraStopTests {

	@TempDir
	Path tmp;

	@Test
	void theBrokersFilesOutliveEveryShutdownHookButOurs() throws Exception {
		// PostgreSQL's binaries unpack here too, and run as nobody when the tests run as
		// root
		Files.setPosixFilePermissions(this.tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Process infra = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djava.io.tmpdir=" + this.tmp, "-cp", System.getProperty("java.class.path"),
				InfraStoppedLate.class.getName())
			.redirectErrorStream(true)
			.start();
		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> ready = new CompletableFuture<>();
		Thread reader = new Thread(() -> readLines(infra, lines, ready), "infra-output");
		reader.start();
		try {
			ready.get(120, TimeUnit.SECONDS);
			// kill(1), as an operator or a supervisor stops it; Process.destroy() did not
			// run
			// the JVM's shutdown hooks when the tests run under surefire
			new ProcessBuilder("kill", "-TERM", Long.toString(infra.pid())).start().waitFor();
			boolean exited = infra.waitFor(60, TimeUnit.SECONDS);
			reader.join(5_000);
			assertThat(exited).as("the process exits after SIGTERM").isTrue();
			assertThat(lines).contains("broker files present at stop: true", "stopped");
			assertThat(Files.list(this.tmp)).as("the broker's files once it stopped")
				.noneMatch((file) -> file.getFileName().toString().startsWith("kafka-"));
			assertThat(lines).as("broker and database output while stopping")
				.noneMatch((line) -> line.contains("offline") || line.contains("ERROR")
						|| line.contains("Stopping the embedded infrastructure failed"));
		}
		finally {
			infra.destroyForcibly();
		}
	}

	private static void readLines(Process process, List<String> lines, CompletableFuture<Void> ready) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				lines.add(line);
				if (line.equals("ready")) {
					ready.complete(null);
				}
			}
		}
		catch (Exception ex) {
			ready.completeExceptionally(ex);
		}
		ready.completeExceptionally(new IllegalStateException("the process ended before it was ready: " + lines));
	}

}
