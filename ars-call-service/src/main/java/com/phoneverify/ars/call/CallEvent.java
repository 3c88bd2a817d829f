package com.phoneverify.ars.call;

import org.jspecify.annotations.Nullable;

/** What happens to an {@link OutboundCall}, in the order it happens. */
public sealed interface CallEvent {

	/** The phone rings (180 or 183). */
	record Ringing(int sipStatus) implements CallEvent {
	}

	/** The phone answered (200) and media flows. */
	record Answered(CallMedia media) implements CallEvent {
	}

	/**
	 * The call is over.
	 *
	 * @param cause why
	 * @param finalStatus the final SIP status of the INVITE, null when none came
	 */
	record Ended(Cause cause, @Nullable Integer finalStatus) implements CallEvent {
	}

	/** Why a call ended. */
	enum Cause {

		/** The INVITE got a final non-2xx response (see {@link Ended#finalStatus()}). */
		REFUSED,
		/** The phone hung up after answering (BYE from the phone). */
		REMOTE_HANGUP,
		/** We hung up: CANCEL before the answer or BYE after it. */
		LOCAL_HANGUP,
		/** No response at all, or a request could not be sent. */
		TRANSPORT_ERROR

	}

}
