package com.phoneverify.simulators.phone.call;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.phoneverify.contracts.phone.PhoneNumber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The calls a simulator has seen, the calls nobody has awaited yet, and the keys armed
 * per number. Thread-safe.
 */
public final class CallBook {

	/**
	 * Older calls are forgotten so that a long-running simulator does not grow without
	 * end.
	 */
	static final int MAX_REMEMBERED_CALLS = 1000;

	private final Map<String, SimulatedCall> calls = new LinkedHashMap<>();

	private final Map<String, Deque<SimulatedCall>> unclaimed = new HashMap<>();

	private final Map<String, Deque<MonoSink<SimulatedCall>>> waiters = new HashMap<>();

	private final Map<String, Deque<ArmedKeys>> armed = new HashMap<>();

	/** Records a new call and hands it to the oldest waiter for its number, if any. */
	public void register(SimulatedCall call) {
		MonoSink<SimulatedCall> waiter;
		synchronized (this) {
			this.calls.put(call.id(), call);
			if (this.calls.size() > MAX_REMEMBERED_CALLS) {
				this.calls.remove(this.calls.keySet().iterator().next());
			}
			waiter = pollOrNull(this.waiters, call.number());
			if (waiter == null) {
				this.unclaimed.computeIfAbsent(call.number(), (n) -> new ArrayDeque<>()).add(call);
			}
		}
		if (waiter != null) {
			waiter.success(call);
		}
	}

	/**
	 * The next call to this number that no earlier await has returned: one that already
	 * arrived, or the next to arrive.
	 * @return the call, or an error with {@link TimeoutException} after the timeout
	 */
	public Mono<SimulatedCall> awaitCall(String number, Duration timeout) {
		String canonical = PhoneNumbers.normalize(number);
		return Mono.<SimulatedCall>create((sink) -> {
			SimulatedCall call;
			synchronized (this) {
				call = pollOrNull(this.unclaimed, canonical);
				if (call == null) {
					this.waiters.computeIfAbsent(canonical, (n) -> new ArrayDeque<>()).add(sink);
					sink.onDispose(() -> removeWaiter(canonical, sink));
				}
			}
			if (call != null) {
				sink.success(call);
			}
		})
			.timeout(timeout, Mono
				.error(() -> new TimeoutException("no call to " + PhoneNumber.mask(canonical) + " within " + timeout)));
	}

	/**
	 * Arms keys for the next answered call to this number (one arming per call, in
	 * order).
	 */
	public synchronized void arm(String number, ArmedKeys keys) {
		this.armed.computeIfAbsent(PhoneNumbers.normalize(number), (n) -> new ArrayDeque<>()).add(keys);
	}

	/** Takes the oldest arming for this number. */
	public synchronized Optional<ArmedKeys> takeArmed(String number) {
		return Optional.ofNullable(pollOrNull(this.armed, PhoneNumbers.normalize(number)));
	}

	/** Recent calls, oldest first. */
	public synchronized List<SimulatedCall> calls() {
		return new ArrayList<>(this.calls.values());
	}

	public synchronized Optional<SimulatedCall> find(String id) {
		return Optional.ofNullable(this.calls.get(id));
	}

	private synchronized void removeWaiter(String number, MonoSink<SimulatedCall> sink) {
		Deque<MonoSink<SimulatedCall>> queue = this.waiters.get(number);
		if (queue != null) {
			queue.remove(sink);
		}
	}

	private static <T> @org.jspecify.annotations.Nullable T pollOrNull(Map<String, Deque<T>> queues, String number) {
		Deque<T> queue = queues.get(number);
		return (queue != null) ? queue.poll() : null;
	}

}
