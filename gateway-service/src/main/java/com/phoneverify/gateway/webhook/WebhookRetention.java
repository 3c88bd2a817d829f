package com.phoneverify.gateway.webhook;

import java.time.Instant;

import com.phoneverify.gateway.retention.RetentionRule;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes webhook deliveries that are over (delivered or given up) and were created
 * before the cutoff: their payload and URL say who was verified when.
 */
@Component
class WebhookRetention implements RetentionRule {

	private final DatabaseClient db;

	WebhookRetention(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public String what() {
		return "webhook deliveries";
	}

	@Override
	public Mono<Long> eraseBefore(Instant cutoff, int batchSize) {
		return this.db.sql("""
				DELETE FROM gateway.webhook_deliveries WHERE id IN (
				  SELECT id FROM gateway.webhook_deliveries
				  WHERE status <> 'pending' AND created_at < $1
				  LIMIT $2 FOR UPDATE SKIP LOCKED)
				""").bind(0, cutoff).bind(1, batchSize).fetch().rowsUpdated();
	}

}
