package com.phoneverify.ars.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The last N event ids seen, to drop duplicates. In memory only: a restart forgets them.
 * Thread-safe.
 */
final class RecentEventIds {

	private final Map<UUID, Boolean> seen;

	RecentEventIds(int capacity) {
		this.seen = new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
				return size() > capacity;
			}
		};
	}

	/**
	 * @return true if the id was new (and is now remembered)
	 */
	synchronized boolean firstTime(UUID id) {
		return this.seen.putIfAbsent(id, Boolean.TRUE) == null;
	}

	/** Forgets an id, so a re-delivery of an event that failed is processed again. */
	synchronized void forget(UUID id) {
		this.seen.remove(id);
	}

}
