package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports that are free now. A process that is killed and started again must come back on
 * the same port (its peers know only that one), so ports are chosen once, here, rather
 * than by each process at every start.
 */
final class FreePorts {

	private FreePorts() {
	}

	static int next() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port", ex);
		}
	}

}
