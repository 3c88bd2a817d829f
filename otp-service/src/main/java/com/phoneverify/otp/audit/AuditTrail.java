package com.phoneverify.otp.audit;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The append-only audit trail (port). Appends join the caller's transaction. */
public interface AuditTrail {

	Mono<Void> append(AuditEntry entry);

	/**
	 * Every entry about {@code device} made on behalf of {@code merchant}, oldest first
	 * (the seed's 기기별이력, as one merchant may see it).
	 */
	Flux<AuditEntry> historyOfDevice(String device, String merchant);

	/**
	 * The tokens {@code merchant} registered for {@code device}, live or not: whether the
	 * merchant has or had the device for one of its customers.
	 */
	Flux<UUID> registrationsOfDevice(String device, String merchant);

}
