package com.phoneverify.gateway.webhook;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.verification.VerificationOutcome;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Schedules webhooks; the {@link WebhookSender} delivers them. */
@Component
public class WebhookDeliveries {

	private final DatabaseClient db;

	private final JsonMapper json;

	private final WebhookSender sender;

	WebhookDeliveries(DatabaseClient db, JsonMapper json, WebhookSender sender) {
		this.db = db;
		this.json = json;
		this.sender = sender;
	}

	/**
	 * Schedules the webhook of an outcome, in the caller's transaction.
	 * @param scenarioType the verification's type (A, B, C)
	 * @param callbackUrl a validated callback URL
	 */
	public Mono<Void> schedule(EventEnvelope<VerificationOutcome> event, String scenarioType, String callbackUrl) {
		VerificationOutcome outcome = event.payload();
		WebhookPayload payload = new WebhookPayload(outcome.verificationId().toString(), event.eventId().toString(),
				outcome.merchantId().value(), outcome.product(), scenarioType, outcome.status(), outcome.reason(),
				event.occurredAt());
		return this.db.sql("""
				INSERT INTO gateway.webhook_deliveries (event_id, merchant_id, verification_id, url, payload,
				  status, attempts, next_attempt_at, created_at)
				VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)
				""")
			.bind(0, event.eventId())
			.bind(1, outcome.merchantId().value())
			.bind(2, outcome.verificationId().value())
			.bind(3, callbackUrl)
			.bind(4, this.json.writeValueAsBytes(payload))
			.bind(5, event.occurredAt())
			.then();
	}

	/** Tells the sender that deliveries were committed; call after the commit. */
	public void committed() {
		this.sender.wake();
	}

}
