package com.phoneverify.transfer.consent;

import java.time.Instant;

import com.phoneverify.contracts.VerificationId;
import org.jspecify.annotations.Nullable;

/**
 * The ARS fallback call of a transfer (scenario E: 1 agrees, 2 refuses), as kept for its
 * evidence. Never holds the number or the key pressed.
 *
 * @param verificationId the id the call was asked for under (auth-requested's key)
 * @param requestedAt when it was asked for
 * @param endedAt when the call ended (call-completed's occurredAt); null while no answer
 * came from ars-call-service
 * @param outcome how the call ended ({@code answered}, {@code no_answer}, {@code busy},
 * …); null until it ended
 * @param scenarioResult for an answered call: {@code agreed}, {@code refused},
 * {@code wrong_input}, {@code no_input}, {@code hung_up}
 * @param decided whether this call's answer ended the transfer (agreed or refused)
 */
public record ArsCall(VerificationId verificationId, Instant requestedAt, @Nullable Instant endedAt,
		@Nullable String outcome, @Nullable String scenarioResult, @Nullable Integer sipStatus,
		@Nullable Long ringingMillis, @Nullable Long answerMillis, @Nullable Long totalMillis, boolean decided) {

	/** This call as the one whose answer ended the transfer. */
	public ArsCall deciding() {
		return new ArsCall(this.verificationId, this.requestedAt, this.endedAt, this.outcome, this.scenarioResult,
				this.sipStatus, this.ringingMillis, this.answerMillis, this.totalMillis, true);
	}

}
