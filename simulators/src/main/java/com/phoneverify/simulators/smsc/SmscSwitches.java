package com.phoneverify.simulators.smsc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the SMSC does wrong on purpose, changeable while it runs (tests, the HTTP API).
 * All off by default.
 */
public final class SmscSwitches {

	/** Every n-th submit_sm is refused with ESME_RTHROTTLED (0x58); 0: never. */
	private final AtomicInteger throttleEvery = new AtomicInteger();

	/** Every n-th submit_sm is refused with ESME_RMSGQFUL (0x14); 0: never. */
	private final AtomicInteger queueFullEvery = new AtomicInteger();

	/** Delay before each submit_sm_resp, in milliseconds. */
	private final AtomicLong slowResponseMillis = new AtomicLong();

	/**
	 * After this many more accepted submit_sm, the next one closes its session without
	 * being taken (the connection drops mid-burst); negative: never.
	 */
	private final AtomicInteger disconnectAfter = new AtomicInteger(-1);

	/** Delay between accepting a message and its delivery receipt, in milliseconds. */
	private final AtomicLong receiptDelayMillis = new AtomicLong(20);

	/** Numbers (digits) whose handset is unreachable: receipt UNDELIV err:001. */
	private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

	/**
	 * Whether receipts are sent when asked for (off: none, e.g. to measure submits
	 * alone).
	 */
	private volatile boolean receipts = true;

	private final AtomicLong submitCounter = new AtomicLong();

	public SmscSwitches throttleEvery(int n) {
		this.throttleEvery.set(Math.max(0, n));
		return this;
	}

	public SmscSwitches queueFullEvery(int n) {
		this.queueFullEvery.set(Math.max(0, n));
		return this;
	}

	public SmscSwitches slowResponses(long millis) {
		this.slowResponseMillis.set(Math.max(0, millis));
		return this;
	}

	public SmscSwitches disconnectAfter(int acceptedSubmits) {
		this.disconnectAfter.set(acceptedSubmits);
		return this;
	}

	public SmscSwitches receiptDelay(long millis) {
		this.receiptDelayMillis.set(Math.max(0, millis));
		return this;
	}

	public SmscSwitches unreachable(String digits) {
		this.unreachable.add(digits);
		return this;
	}

	public SmscSwitches receipts(boolean enabled) {
		this.receipts = enabled;
		return this;
	}

	/** Everything off again. */
	public SmscSwitches reset() {
		this.throttleEvery.set(0);
		this.queueFullEvery.set(0);
		this.slowResponseMillis.set(0);
		this.disconnectAfter.set(-1);
		this.receiptDelayMillis.set(20);
		this.unreachable.clear();
		this.receipts = true;
		return this;
	}

	/** What to do with the next submit_sm. */
	enum Verdict {

		ACCEPT, THROTTLE, QUEUE_FULL, DISCONNECT

	}

	Verdict nextSubmit() {
		long n = this.submitCounter.incrementAndGet();
		int throttle = this.throttleEvery.get();
		if (throttle > 0 && n % throttle == 0) {
			return Verdict.THROTTLE;
		}
		int queueFull = this.queueFullEvery.get();
		if (queueFull > 0 && n % queueFull == 0) {
			return Verdict.QUEUE_FULL;
		}
		int left = this.disconnectAfter.getAndUpdate((value) -> (value > 0) ? value - 1 : (value == 0) ? -1 : value);
		return (left == 0) ? Verdict.DISCONNECT : Verdict.ACCEPT;
	}

	long slowResponseMillis() {
		return this.slowResponseMillis.get();
	}

	long receiptDelayMillis() {
		return this.receiptDelayMillis.get();
	}

	boolean receiptsEnabled() {
		return this.receipts;
	}

	boolean isUnreachable(String digits) {
		return this.unreachable.contains(digits);
	}

	String describe() {
		return "{\"throttleEvery\":" + this.throttleEvery.get() + ",\"queueFullEvery\":" + this.queueFullEvery.get()
				+ ",\"slowResponseMillis\":" + this.slowResponseMillis.get() + ",\"disconnectAfter\":"
				+ this.disconnectAfter.get() + ",\"receiptDelayMillis\":" + this.receiptDelayMillis.get() + "}";
	}

}
