package com.phoneverify.gateway.ars;

import java.time.Duration;
import java.time.Instant;

import com.phoneverify.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The per-destination limits: at most {@code destination-limit-per-ten-minutes}
 * verifications of one phone number in 10 minutes and {@code destination-limit-per-day}
 * in a day, whichever merchants ask. The store applies them to each group of accepted
 * requests inside the batch's one insert statement, so they cost the hot path no extra
 * round trip; only a refusal takes a second query, for its {@code Retry-After}.
 */
@Component
public class DestinationLimits {

	/** The short window. */
	public static final Duration SHORT_WINDOW = Duration.ofMinutes(10);

	/** The long window. */
	public static final Duration DAY = Duration.ofDays(1);

	private final long perTenMinutes;

	private final long perDay;

	@Autowired
	DestinationLimits(GatewayProperties properties) {
		this(properties.verification().destinationLimitPerTenMinutes(),
				properties.verification().destinationLimitPerDay());
	}

	DestinationLimits(long perTenMinutes, long perDay) {
		this.perTenMinutes = perTenMinutes;
		this.perDay = perDay;
	}

	/** Verifications of one number allowed in {@link #SHORT_WINDOW}. */
	public long perTenMinutes() {
		return this.perTenMinutes;
	}

	/** Verifications of one number allowed in {@link #DAY}. */
	public long perDay() {
		return this.perDay;
	}

	/**
	 * How long until the number may get a verification again, or null when it may now.
	 * Exact when a count is at its limit (the oldest leaving the window makes room), a
	 * lower bound above it.
	 */
	public @Nullable Duration waitFor(ArsVerificationStore.Usage usage, Instant now) {
		Duration wait = null;
		if (usage.shortWindow() >= this.perTenMinutes) {
			wait = until(oldest(usage.oldestInShortWindow(), now).plus(SHORT_WINDOW), now);
		}
		if (usage.longWindow() >= this.perDay) {
			Duration day = until(oldest(usage.oldestInLongWindow(), now).plus(DAY), now);
			wait = (wait == null || day.compareTo(wait) > 0) ? day : wait;
		}
		return wait;
	}

	/** The refusal of a request whose number must wait this long. */
	public static RuntimeException refusal(Duration wait) {
		return new DestinationLimitReached(wait);
	}

	private static Instant oldest(@Nullable Instant oldest, Instant now) {
		return (oldest != null) ? oldest : now;
	}

	private static Duration until(Instant instant, Instant now) {
		Duration wait = Duration.between(now, instant);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

}
