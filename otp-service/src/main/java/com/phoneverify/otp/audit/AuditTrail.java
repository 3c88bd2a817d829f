package com.phoneverify.otp.audit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The append-only audit trail (port). Appends join the caller's transaction. */
public interface AuditTrail {

	Mono<Void> append(AuditEntry entry);

	/** Every entry about {@code device}, oldest first (the seed's 기기별이력). */
	Flux<AuditEntry> historyOfDevice(String device);

}
