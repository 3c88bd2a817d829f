package com.phoneverify.contracts.ars;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the call itself ended, from the network's point of view. */
public enum CallOutcome {

	/** The phone answered; {@link ScenarioResult} says how far the script got. */
	@JsonProperty("answered")
	ANSWERED,
	/** 486 Busy Here or 600 Busy Everywhere. */
	@JsonProperty("busy")
	BUSY,
	/** 408, 480, or no answer before the ring timeout (we sent CANCEL). */
	@JsonProperty("no_answer")
	NO_ANSWER,
	/** 603 Decline, or another final 4xx/6xx the phone sent. */
	@JsonProperty("rejected")
	REJECTED,
	/** 404 Not Found or 484 Address Incomplete. */
	@JsonProperty("bad_number")
	BAD_NUMBER,
	/** 5xx from the trunk. */
	@JsonProperty("trunk_failure")
	TRUNK_FAILURE,
	/** No response at all, or the request could not be sent. */
	@JsonProperty("transport_error")
	TRANSPORT_ERROR,
	/** The verification was canceled or expired before or during the call. */
	@JsonProperty("canceled")
	CANCELED

}
