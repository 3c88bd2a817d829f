package com.phoneverify.ars.call;

/**
 * Places outbound calls. Implementations never throw: a call that cannot be placed ends
 * with a {@link CallEvent.Ended} event carrying {@link CallEvent.Cause#TRANSPORT_ERROR}.
 */
public interface Trunk {

	/**
	 * Starts dialling and returns at once.
	 * @param request what to dial
	 * @return the call in progress
	 */
	OutboundCall place(PlaceCall request);

}
