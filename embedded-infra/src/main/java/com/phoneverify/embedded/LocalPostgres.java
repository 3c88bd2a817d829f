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

	private LocalPostgres(Process server, int port) {
		this.server = server;
		this.port = port;
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
			LocalPostgres postgres = new LocalPostgres(server, chosenPort);
			postgres.awaitReady(Duration.ofSeconds(60));
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
		// SIGTERM is a "smart" shutdown that waits for clients; devstack and test JVMs
		// end with
		// pools still open, so wait briefly and then insist.
		this.server.destroy();
		try {
			if (!this.server.waitFor(10, TimeUnit.SECONDS)) {
				this.server.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.server.destroyForcibly();
		}
	}

	private void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.server.isAlive()) {
				throw new IllegalStateException("PostgreSQL exited with " + this.server.exitValue()
						+ "; see postgres.log in its data directory");
			}
			try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
				sleep(Duration.ofMillis(100));
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

	/** Unpacks zonky's PostgreSQL archive once per machine into the temp directory. */
	private static synchronized Path unpackBinaries() throws IOException {
		String resource = "/postgres-linux-x86_64.txz";
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "phoneverify-pg-bin-14");
		if (Files.exists(target.resolve("bin/postgres")) && Files.exists(target.resolve(".complete"))) {
			return target;
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
		}
		catch (IOException raced) {
			// another JVM unpacked it first; use theirs
		}
		return target;
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

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for PostgreSQL", ex);
		}
	}

}
