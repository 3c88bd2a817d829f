package com.phoneverify.ars.request;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.ars.CallCompleted;
import reactor.core.publisher.Mono;

/** Where {@code call-completed} events go. */
public interface Completions {

	/**
	 * @return completes when the broker has acknowledged the event
	 */
	Mono<Void> publish(EventEnvelope<CallCompleted> event);

}
