package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import com.phoneverify.embedded.LocalPostgres;

/**
 * PostgreSQL (embedded-infra's {@link LocalPostgres}: a real server process) with a
 * durable cluster on disk and a fixed port, so that after {@code kill -9} of the
 * postmaster a new server recovers from the WAL on the same address.
 */
final class Postgres implements AutoCloseable {

	static final String USER = "postgres";

	static final String PASSWORD = "postgres";

	private final Path data;

	private final int port = FreePorts.next();

	private LocalPostgres server;

	/**
	 * @param data the cluster's directory; its parent must be readable by the server's
	 * user
	 */
	Postgres(Path data) {
		this.data = data;
	}

	void start() {
		// After a kill -9 the old server's backends notice that their postmaster died and
		// exit; until the last has, the new one refuses the shared memory they still
		// hold.
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try {
				this.server = LocalPostgres.start(this.data, this.port, true);
				return;
			}
			catch (IllegalStateException notYet) {
				if (System.nanoTime() > deadline) {
					throw notYet;
				}
				JavaProcess.sleep(Duration.ofSeconds(1));
			}
		}
	}

	/**
	 * {@code kill -9} of the postmaster, the process the services' connections lead to.
	 */
	void kill() {
		postmaster().ifPresent(postmaster -> {
			postmaster.destroyForcibly();
			postmaster.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
		});
	}

	private Optional<ProcessHandle> postmaster() {
		try {
			long pid = Long.parseLong(Files.readAllLines(this.data.resolve("postmaster.pid")).get(0).trim());
			return ProcessHandle.of(pid);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no postmaster.pid in " + this.data, ex);
		}
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	String r2dbcUrl(String database) {
		return "r2dbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	void createDatabase(String database) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
				Statement create = connection.createStatement()) {
			create.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + database, ex);
		}
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

}
