package com.phoneverify.devstack;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything the JVM writes to standard out and error (where the suite's logs go)
 * while the tap is open, so a test can read the logs of a whole run.
 */
final class LogTap implements AutoCloseable {

	private final PrintStream out = System.out;

	private final PrintStream err = System.err;

	private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

	LogTap() {
		System.setOut(new PrintStream(new Tee(this.out, this.copy), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new Tee(this.err, this.copy), true, StandardCharsets.UTF_8));
	}

	/** Everything written so far. */
	String text() {
		synchronized (this.copy) {
			return this.copy.toString(StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		System.setOut(this.out);
		System.setErr(this.err);
	}

	private static final class Tee extends OutputStream {

		private final OutputStream console;

		private final ByteArrayOutputStream copy;

		Tee(OutputStream console, ByteArrayOutputStream copy) {
			this.console = console;
			this.copy = copy;
		}

		@Override
		public void write(int b) {
			synchronized (this.copy) {
				this.copy.write(b);
			}
			try {
				this.console.write(b);
			}
			catch (java.io.IOException ex) {
				// the console is gone: the copy is what the test reads
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			synchronized (this.copy) {
				this.copy.write(bytes, offset, length);
			}
			try {
				this.console.write(bytes, offset, length);
			}
			catch (java.io.IOException ex) {
				// the console is gone: the copy is what the test reads
			}
		}

	}

}
