package com.phoneverify.simulators.phone.call;

/** Where a simulated call is. */
public enum CallState {

	/** The INVITE arrived; the phone rings (or is about to reject it). */
	RINGING,

	/** The phone answered (200 OK sent); media flows. */
	ANSWERED,

	/** The call is over: rejected, cancelled or hung up. */
	ENDED

}
