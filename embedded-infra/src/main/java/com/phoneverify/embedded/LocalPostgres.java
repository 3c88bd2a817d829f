package com.phoneverify.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server from zonky's binaries on Maven Central, run as a child process on
 * 127.0.0.1. PostgreSQL refuses to run as root, and CI machines often are root: then the
 * server runs as {@code nobody} through {@code setpriv} (util-linux).
 */
public final class LocalPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

	static final String USER = "postgres";

	static final String PASSWORD = "postgres";

	private static final int NOBODY = 65534;

	private final Process server;

	private final int port;

	/** A cluster made for this run only, deleted on close; null for a kept one. */
	private final Path throwAwayData;

	private LocalPostgres(Process server, int port, Path throwAwayData) {
		this.server = server;
		this.port = port;
		this.throwAwayData = throwAwayData;
	}

	/**
	 * @param dataDirectory where the cluster lives; reused when it already holds one
	 * (devstack keeps its merchants across restarts); null for a throw-away cluster
	 * @param port 0 for any free port
	 * @param durable false turns off fsync, for tests
	 */
	public static LocalPostgres start(Path dataDirectory, int port, boolean durable) {
		try {
			Path binaries = unpackBinaries();
			Path data = (dataDirectory != null) ? dataDirectory.toAbsolutePath()
					: Files.createTempDirectory("phoneverify-pg-");
			int chosenPort = (port != 0) ? port : freePort();
			if (!Files.exists(data.resolve("PG_VERSION"))) {
				initdb(binaries, data);
			}
			List<String> command = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(), "-D",
					data.toString(), "-p", String.valueOf(chosenPort), "-h", "127.0.0.1", "-k", data.toString(), "-c",
					"max_connections=200"));
			if (!durable) {
				command
					.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
			}
			Process server = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
				.redirectOutput(data.resolve("postgres.log").toFile())
				.start();
			LocalPostgres postgres = new LocalPostgres(server, chosenPort, (dataDirectory != null) ? null : data);
			try {
				postgres.awaitReady(Duration.ofSeconds(60));
			}
			catch (RuntimeException notReady) {
				// an orphaned postmaster would keep the port and the data directory's
				// lock
				postgres.close();
				throw notReady;
			}
			log.info("PostgreSQL ready on 127.0.0.1:{} (data in {})", chosenPort, data);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start PostgreSQL", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	@Override
	public void close() {
		// SIGINT is PostgreSQL's "fast" shutdown: it disconnects the pools that devstack
		// and test
		// JVMs still hold open (SIGTERM, "smart", would wait for them). Then insist.
		signal("INT");
		try {
			if (!this.server.waitFor(10, TimeUnit.SECONDS)) {
				this.server.destroyForcibly();
				this.server.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.server.destroyForcibly();
		}
		if (this.throwAwayData != null) {
			deleteRecursively(this.throwAwayData);
		}
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(this.server.pid())).start();
			if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
				return;
			}
		}
		catch (IOException ex) {
			log.debug("kill -{} failed", name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.server.destroy();
	}

	private static void deleteRecursively(Path root) {
		try (var walk = Files.walk(root)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete the throw-away PostgreSQL cluster in {}", root, ex);
		}
	}

	private void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			// wait for the next try on the server itself, so that its exit ends the wait
			// at once
			if (exitedWithin(Duration.ofMillis(100))) {
				throw new IllegalStateException("PostgreSQL exited with " + this.server.exitValue()
						+ "; see postgres.log in its data directory");
			}
		}
		throw new IllegalStateException("PostgreSQL did not accept connections within " + timeout, last);
	}

	private static void initdb(Path binaries, Path data) throws IOException {
		Files.createDirectories(data);
		Path passwordFile = Files.createTempFile("pgpass", ".txt");
		Files.writeString(passwordFile, PASSWORD);
		makeReadableBy(passwordFile);
		chownIfRoot(data);
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
		List<String> command = List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER,
				"--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale");
		Process initdb = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true).start();
		String output = new String(initdb.getInputStream().readAllBytes());
		try {
			if (initdb.waitFor() != 0) {
				throw new IllegalStateException("initdb failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted during initdb", ex);
		}
		finally {
			Files.deleteIfExists(passwordFile);
		}
	}

	/**
	 * Unpacks zonky's PostgreSQL archive once per machine and user. The binaries live
	 * under the temp directory because, when we are root, {@code nobody} must be able to
	 * run them; a directory there that someone else owns or could write is never trusted.
	 */
	private static synchronized Path unpackBinaries() throws IOException {
		String resource = "/postgres-linux-x86_64.txz";
		Path target = Path.of(System.getProperty("java.io.tmpdir"),
				"phoneverify-pg-bin-14-" + System.getProperty("user.name"));
		if (Files.exists(target.resolve(".complete"))) {
			if (isTrusted(target)) {
				return target;
			}
			log.warn("Ignoring PostgreSQL binaries in {}: not owned by us or writable by others", target);
			target = Files.createTempDirectory("phoneverify-pg-bin-");
			Files.delete(target);
		}
		Path staging = Files.createTempDirectory("phoneverify-pg-unpack-");
		try (InputStream archive = LocalPostgres.class.getResourceAsStream(resource)) {
			if (archive == null) {
				throw new IllegalStateException("PostgreSQL binaries " + resource + " are not on the class path");
			}
			try (TarArchiveInputStream tar = new TarArchiveInputStream(
					new XZCompressorInputStream(new BufferedInputStream(archive)))) {
				TarArchiveEntry entry;
				while ((entry = tar.getNextEntry()) != null) {
					Path path = staging.resolve(entry.getName()).normalize();
					if (!path.startsWith(staging)) {
						throw new IllegalStateException("archive entry outside target: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(path);
					}
					else if (entry.isSymbolicLink()) {
						Files.createDirectories(path.getParent());
						Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
					}
					else {
						Files.createDirectories(path.getParent());
						Files.copy(tar, path);
						boolean executable = (entry.getMode() & 0100) != 0;
						Files.setPosixFilePermissions(path,
								PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
					}
				}
			}
		}
		try (var walk = Files.walk(staging)) {
			for (Path dir : walk.filter(Files::isDirectory).toList()) {
				Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
		Files.createFile(staging.resolve(".complete"));
		try {
			Files.move(staging, target);
			return target;
		}
		catch (IOException raced) {
			// Another JVM unpacked it first (use theirs), or an unfinished copy is in the
			// way
			// (use ours).
			return Files.exists(target.resolve(".complete")) && isTrusted(target) ? target : staging;
		}
	}

	private static boolean isTrusted(Path directory) throws IOException {
		String owner = Files.getOwner(directory).getName();
		var permissions = Files.getPosixFilePermissions(directory);
		return owner.equals(System.getProperty("user.name"))
				&& !permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
				&& !permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
	}

	private static List<String> asServerUser(List<String> command) {
		if (!isRoot()) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(
				List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	private static void chownIfRoot(Path path) throws IOException {
		if (isRoot()) {
			Files.setAttribute(path, "unix:uid", NOBODY);
			Files.setAttribute(path, "unix:gid", NOBODY);
		}
	}

	private static void makeReadableBy(Path file) throws IOException {
		chownIfRoot(file);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private boolean exitedWithin(Duration duration) {
		try {
			return this.server.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for PostgreSQL", ex);
		}
	}

}
