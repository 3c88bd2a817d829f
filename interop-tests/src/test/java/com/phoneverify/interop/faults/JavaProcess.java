package com.phoneverify.interop.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A JVM of its own, started from this test's class path, that can be killed with
 * {@code SIGKILL} and started again with the same command. Its output goes to a log file
 * that every start appends to.
 */
final class JavaProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final List<String> command;

	private final Path log;

	private Process process;

	private int starts;

	JavaProcess(String name, String mainClass, List<String> jvmOptions, List<String> arguments, Path log) {
		this.name = name;
		this.log = log;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// one core's worth of JIT and GC threads: four JVMs and the driver share two
		// cores
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xss512k"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath(), mainClass));
		command.addAll(arguments);
		this.command = List.copyOf(command);
	}

	/** A Spring Boot service: its settings become {@code --key=value} arguments. */
	static JavaProcess springBoot(String name, String mainClass, Map<String, Object> settings, Path log) {
		List<String> arguments = settings.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.sorted()
			.toList();
		return new JavaProcess(name, mainClass, List.of("-Xmx320m"), arguments, log);
	}

	/**
	 * The class path this test runs with. Failsafe passes it in a manifest-only jar, so
	 * {@code java.class.path} may be that one jar: its manifest names the rest, which a
	 * child JVM follows as well.
	 */
	private static String classPath() {
		String testClassPath = System.getProperty("surefire.test.class.path");
		String classPath = (testClassPath != null && !testClassPath.isBlank()) ? testClassPath
				: System.getProperty("java.class.path");
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter(entry -> !entry.isBlank() && new File(entry).exists())
			.collect(Collectors.joining(File.pathSeparator));
	}

	String name() {
		return this.name;
	}

	synchronized void start() {
		try {
			Files.writeString(this.log, "%n===== start %d of %s =====%n".formatted(++this.starts, this.name),
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + this.name, ex);
		}
	}

	/** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
	synchronized void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	synchronized boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	/** Waits until the check holds; fails at once if the process died meanwhile. */
	void awaitReady(BooleanSupplier ready, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!alive()) {
				throw new IllegalStateException(this.name + " exited; see " + this.log);
			}
			if (ready.getAsBoolean()) {
				return;
			}
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException(this.name + " was not ready within " + timeout + "; see " + this.log);
	}

	/** Waits until the URL answers 200. */
	void awaitHttpOk(String url, Duration timeout) {
		awaitReady(() -> answersOk(url), timeout);
	}

	static boolean answersOk(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void close() {
		if (alive()) {
			kill();
		}
	}

}
