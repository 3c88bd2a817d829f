package com.phoneverify.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The embedded infrastructure stopped the way devstack stops it: by one shutdown hook,
 * after the services, which takes a while. Prints whether the broker's files were still
 * there when it was the infrastructure's turn to stop.
 */
final class InfraStoppedLate {

	private InfraStoppedLate() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedInfra infra = EmbeddedInfra.start(new EmbeddedInfra.Options(0, null, false));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sleep(2_000); // the services stopping
			System.out.println("broker files present at stop: " + brokerFilesPresent());
			infra.close();
			System.out.println("stopped");
		}, "stop-late"));
		System.out.println("ready");
		Thread.currentThread().join();
	}

	static boolean brokerFilesPresent() {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.anyMatch((file) -> file.getFileName().toString().startsWith("kafka-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
