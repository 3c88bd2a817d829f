package com.phoneverify.sms.smsc;

import reactor.core.publisher.Mono;

/**
 * An SMSC. The real adapter speaks SMPP 3.4 (jSMPP); against the simulator it is the same
 * adapter pointed at the simulator.
 */
public interface SmscPort {

	/**
	 * Submits one part and waits for the SMSC's answer (blocking: call it on a thread of
	 * its own). Thread-safe; as many calls may be outstanding as the window allows.
	 * @param sender the registered sender number
	 * @param recipient the recipient's number, E.164 digits without {@code +}
	 */
	SubmitResult submit(String sender, String recipient, Segment segment);

	/** Whether a session is bound now. */
	boolean isBound();

	/**
	 * What the SMSC delivers to us. The SMSC is answered only after the returned
	 * {@code Mono} completes (the receipt or MO is stored), with a temporary error if it
	 * fails, so that the SMSC delivers it again.
	 */
	interface Listener {

		Mono<Void> onReceipt(Receipt receipt);

		Mono<Void> onMessage(MobileMessage message);

	}

}
