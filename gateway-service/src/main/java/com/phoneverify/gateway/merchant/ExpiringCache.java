package com.phoneverify.gateway.merchant;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * A bounded map whose entries expire: enough to keep decrypted credentials off the
 * per-request path without keeping them forever. When full, expired entries are dropped,
 * and if that is not enough the whole cache is cleared (it refills from the database).
 * Thread-safe.
 */
final class ExpiringCache<K, V> {

	private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final long ttlNanos;

	private final int maxEntries;

	private final LongSupplier nanoClock;

	ExpiringCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
		this.nanoClock = nanoClock;
	}

	@Nullable V get(K key) {
		Entry<V> entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (this.nanoClock.getAsLong() - entry.expiresAt() > 0) {
			this.entries.remove(key, entry);
			return null;
		}
		return entry.value();
	}

	void put(K key, V value) {
		long now = this.nanoClock.getAsLong();
		if (this.entries.size() >= this.maxEntries) {
			this.entries.values().removeIf((entry) -> now - entry.expiresAt() > 0);
			if (this.entries.size() >= this.maxEntries) {
				this.entries.clear();
			}
		}
		this.entries.put(key, new Entry<>(value, now + this.ttlNanos));
	}

	void remove(K key) {
		this.entries.remove(key);
	}

	int size() {
		return this.entries.size();
	}

	private record Entry<V>(V value, long expiresAt) {
	}

}
