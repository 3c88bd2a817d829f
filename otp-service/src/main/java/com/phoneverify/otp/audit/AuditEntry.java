package com.phoneverify.otp.audit;

import java.time.Instant;
import java.util.UUID;

import com.phoneverify.otp.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail.
 *
 * @param at when
 * @param merchant the merchant (tenant) on whose behalf, as the gateway authenticated it
 * @param actor who: the operator's staff id, or {@code customer} for self-service
 * @param channel where
 * @param operation what (e.g. {@code REGISTER_HARDWARE}, {@code VERIFY})
 * @param outcome how it ended (e.g. {@code DONE}, {@code REJECTED}, {@code LOCKED})
 * @param customerKey the customer's blind index (never the real-name id)
 * @param tokenId the token concerned, if any
 * @param device the hardware device ({@code vendor/serial}) or mobile device id, if any
 */
public record AuditEntry(Instant at, String merchant, String actor, Channel channel, String operation, String outcome,
		String customerKey, @Nullable UUID tokenId, @Nullable String device) {
}
