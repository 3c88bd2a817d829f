package com.phoneverify.simulators.smsc;

import org.jspecify.annotations.Nullable;

/**
 * How the SMSC simulator listens.
 *
 * @param host the address it binds; default {@code 127.0.0.1}
 * @param port its SMPP port; 0 picks a free one (tests); default for a human 2775
 * @param systemId the system_id it answers binds with
 * @param password the password an ESME must bind with; null: any
 * @param pduProcessorDegree PDUs of one session handled at once; 1 (default) answers them
 * in order
 * @param deliveryThreads threads sending receipts and MOs
 */
public record SmscSimulatorOptions(String host, int port, String systemId, @Nullable String password,
		int pduProcessorDegree, int deliveryThreads) {

	public static SmscSimulatorOptions defaults() {
		return new SmscSimulatorOptions("127.0.0.1", 0, "smsc-sim", null, 1, 2);
	}

	public SmscSimulatorOptions withPort(int port) {
		return new SmscSimulatorOptions(this.host, port, this.systemId, this.password, this.pduProcessorDegree,
				this.deliveryThreads);
	}

	public SmscSimulatorOptions withHost(String host) {
		return new SmscSimulatorOptions(host, this.port, this.systemId, this.password, this.pduProcessorDegree,
				this.deliveryThreads);
	}

	public SmscSimulatorOptions withPduProcessorDegree(int degree) {
		return new SmscSimulatorOptions(this.host, this.port, this.systemId, this.password, degree,
				this.deliveryThreads);
	}

}
