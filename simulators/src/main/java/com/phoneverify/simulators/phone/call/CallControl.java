package com.phoneverify.simulators.phone.call;

/** What the signalling edge does when the phone itself acts on a call. */
@FunctionalInterface
public interface CallControl {

	/**
	 * Hangs the call up from the phone's side: BYE when answered, a rejection when
	 * ringing.
	 */
	void hangUp(SimulatedCall call);

}
