package com.phoneverify.gateway.merchant.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Wrong admin tokens per client address: after {@code maxFailures} of them within
 * {@code window} (counted from the first), the address is locked out for {@code window}
 * from the last one, whatever token it sends; then it starts over. At most
 * {@link #MAX_CLIENTS} addresses are tracked (the oldest windows are dropped first when
 * more arrive).
 */
final class AdminLockout {

	static final int MAX_CLIENTS = 10_000;

	private final int maxFailures;

	private final Duration window;

	private final Map<String, Failures> clients = new ConcurrentHashMap<>();

	AdminLockout(int maxFailures, Duration window) {
		if (maxFailures < 1 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("gateway.admin.max-failures must be at least 1 and lockout positive");
		}
		this.maxFailures = maxFailures;
		this.window = window;
	}

	/** How long the client is still locked out, or null when it is not. */
	@Nullable Duration lockedFor(String client, Instant now) {
		Failures failures = this.clients.get(client);
		if (failures == null) {
			return null;
		}
		if (failures.lockedUntil() != null) {
			if (now.isBefore(failures.lockedUntil())) {
				return Duration.between(now, failures.lockedUntil());
			}
			this.clients.remove(client, failures);
		}
		return null;
	}

	/** Counts a wrong token; locks the client out at the {@code maxFailures}th. */
	void failed(String client, Instant now) {
		if (this.clients.size() >= MAX_CLIENTS) {
			this.clients.values().removeIf((failures) -> !failures.isCurrent(now, this.window));
		}
		this.clients.compute(client, (key, failures) -> {
			Failures current = (failures == null || !failures.isCurrent(now, this.window)) ? new Failures(now, 0, null)
					: failures;
			int count = current.count() + 1;
			return new Failures(current.since(), count, (count >= this.maxFailures) ? now.plus(this.window) : null);
		});
	}

	/** The right token (while not locked out): the client's count starts over. */
	void succeeded(String client) {
		this.clients.remove(client);
	}

	private record Failures(Instant since, int count, @Nullable Instant lockedUntil) {

		boolean isCurrent(Instant now, Duration window) {
			return (this.lockedUntil != null) ? now.isBefore(this.lockedUntil) : now.isBefore(this.since.plus(window));
		}

	}

}
