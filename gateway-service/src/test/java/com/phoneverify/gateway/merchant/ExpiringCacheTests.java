package com.phoneverify.gateway.merchant;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringCacheTests {

	private final AtomicLong nanos = new AtomicLong();

	private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(10), 3, this.nanos::get);

	@Test
	void entriesExpireAfterTheirTtl() {
		this.cache.put("pk_1", "secret");
		this.nanos.addAndGet(Duration.ofSeconds(9).toNanos());
		assertThat(this.cache.get("pk_1")).isEqualTo("secret");
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThat(this.cache.get("pk_1")).isNull();
	}

	@Test
	void neverHoldsMoreThanItsBound() {
		for (int i = 0; i < 10; i++) {
			this.cache.put("pk_" + i, "secret");
			assertThat(this.cache.size()).isLessThanOrEqualTo(3);
		}
		assertThat(this.cache.get("pk_9")).isEqualTo("secret");
	}

}
