package com.phoneverify.sms.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.sms.smsc.Segment;
import com.phoneverify.sms.smsc.SmscPort;
import com.phoneverify.sms.smsc.SubmitResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sends queued messages: takes those the intake stored claimed by it ({@link #dispatch}),
 * otherwise claims them in the database ({@code FOR UPDATE SKIP LOCKED}); while the queue
 * has a backlog the two take turns, so that a message queued in a burst is not held back
 * by those handed over after it. It keeps up to a window's worth waiting for
 * {@code window} submit workers, each submitting one message after another (so at most
 * {@code window} outstanding, at most the adaptive rate per second; a busy worker goes on
 * to the next message without a hand-off), and records the outcomes with their status
 * events, many per transaction ({@code sms-record}), so that a commit is not paid per
 * message.
 * <p>
 * The state machine, and the one window where a message may be sent twice:
 * {@code queued → submitting} (claimed, in the database) {@code → submitted} (the SMSC's
 * ids recorded). A throttled part waits and is tried again, never dropped. When the link
 * fails before a submit_sm_resp, the SMSC may or may not have taken the part: the message
 * goes back to the queue and is submitted again (at least once, never lost). The same
 * happens when the relay dies between the SMSC's answer and our commit: its lease
 * ({@code sms.dispatchers}, renewed every third of {@code lease}) lapses and any
 * instance's sweep queues its claims again; {@code claimTimeout} is the backstop for a
 * dispatcher that renews but never finishes. Parts of a long message carry the same
 * concatenation reference on every attempt, so a handset merges a part it gets twice.
 * <p>
 * An outcome not yet recorded exists only in memory: recording is retried until the
 * database takes it, and if the relay dies first the claim expires and the message is
 * submitted again (the same at-least-once window).
 * <p>
 * Runs on its own threads ({@code sms-dispatch}, {@code sms-submit-N},
 * {@code sms-record}, {@code sms-lease}): waiting here for the database or the SMSC never
 * holds a Reactor, Netty or Kafka thread.
 */
public final class Dispatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

	/** See {@link Settings#handOverHorizon()}. */
	private static final Duration HAND_OVER_HORIZON = Duration.ofSeconds(5);

	private final OutboundStore store;

	private final StatusEvents events;

	private final TransactionalOperator tx;

	private final SmscPort smsc;

	private final Sealer sealer;

	private final TextEncoding encoding;

	private final Clock clock;

	private final Settings settings;

	private final AdaptiveRate rate;

	private final UUID owner = UUID.randomUUID();

	/**
	 * Claimed messages waiting for a submit worker: at most a window's worth, refilled by
	 * the dispatch loop when it falls to half.
	 */
	private final BlockingQueue<OutboundStore.ClaimedMessage> toSend = new LinkedBlockingQueue<>();

	/**
	 * The loop waits for {@link #toSend} to run low; the worker that sees it wakes it.
	 */
	private final AtomicBoolean hungry = new AtomicBoolean();

	/**
	 * {@code window} threads, each submitting one message at a time, one after another.
	 */
	private final List<Thread> submitters = new ArrayList<>();

	private final Object wakeUp = new Object();

	private final AtomicLong submittedParts = new AtomicLong();

	private final AtomicLong throttledParts = new AtomicLong();

	private final AtomicLong handedOverMessages = new AtomicLong();

	private final AtomicLong claimedMessages = new AtomicLong();

	/** Messages the submit workers are done with (sent or not), so far. */
	private final AtomicLong doneMessages = new AtomicLong();

	/** The rate the workers get through messages, sampled once a second. */
	private final Object rateSample = new Object();

	private long rateSampledAt = System.nanoTime();

	private long rateSampledDone;

	private double donePerSecond;

	/**
	 * Whether the last claim from the queue took all it asked for (dispatch loop only).
	 */
	private boolean queueBacklogged;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean woken;

	private volatile boolean running = true;

	private final Thread loop;

	private final Thread recorder;

	private final BlockingQueue<Recorded> outcomes = new LinkedBlockingQueue<>();

	/** Messages the intake stored claimed by this dispatcher, not yet handed out. */
	private final BlockingQueue<OutboundStore.ClaimedMessage> handedOver = new LinkedBlockingQueue<>();

	private volatile boolean recording = true;

	/** Renews the lease ({@code sms-lease}). */
	private final ScheduledExecutorService leases;

	/**
	 * When the lease ends, by {@link System#nanoTime()}; never held before the first
	 * renewal.
	 */
	private volatile long leaseUntil;

	/** What became of a claimed message, to be recorded. */
	private sealed interface Outcome {

	}

	private record Submitted(List<String> smscIds) implements Outcome {
	}

	private record Requeue() implements Outcome {
	}

	private record Finished(SmsDeliveryStatus status, @Nullable String errorCode) implements Outcome {
	}

	private record Recorded(OutboundStore.ClaimedMessage message, Outcome outcome) {
	}

	/**
	 * @param window submit_sm outstanding at once
	 * @param maxRate submits per second at most
	 * @param minRate the rate throttling may slow us to
	 * @param throttlePause the pause after a throttling error
	 * @param batchSize messages claimed per query at most
	 * @param pollInterval how often the queue is looked at without a wake-up
	 * @param claimTimeout after this a claim of a dead instance is queued again
	 * @param retryBackoff wait after a link failure
	 * @param unmatchedReceiptRetention how long a receipt for an SMSC id never recorded
	 * is kept
	 * @param lease how long this dispatcher's claims stay its own without a renewal; it
	 * renews every third of it, and any instance queues again the claims of one whose
	 * lease lapsed
	 * @param maxHandedOver messages handed over by the intake and waiting here, at most
	 */
	public record Settings(int window, double maxRate, double minRate, Duration throttlePause, int batchSize,
			Duration pollInterval, Duration claimTimeout, Duration retryBackoff, Duration unmatchedReceiptRetention,
			Duration lease, int maxHandedOver) {

		/**
		 * How long the messages handed over may take to send, at the rate we send: well
		 * inside the quarter of the claim timeout in which a claim may still be
		 * submitted.
		 */
		Duration handOverHorizon() {
			Duration halfThePatience = this.claimTimeout.dividedBy(8);
			return (halfThePatience.compareTo(HAND_OVER_HORIZON) < 0) ? halfThePatience : HAND_OVER_HORIZON;
		}

	}

	public Dispatcher(OutboundStore store, StatusEvents events, TransactionalOperator tx, SmscPort smsc, Sealer sealer,
			TextEncoding encoding, Clock clock, Settings settings) {
		this.store = store;
		this.events = events;
		this.tx = tx;
		this.smsc = smsc;
		this.sealer = sealer;
		this.encoding = encoding;
		this.clock = clock;
		this.settings = settings;
		this.rate = new AdaptiveRate(settings.maxRate(), settings.minRate(), settings.throttlePause().toNanos());
		for (int i = 1; i <= settings.window(); i++) {
			Thread thread = new Thread(this::submitLoop, "sms-submit-" + i);
			thread.setDaemon(true);
			this.submitters.add(thread);
		}
		this.loop = new Thread(this::run, "sms-dispatch");
		this.loop.setDaemon(true);
		this.recorder = new Thread(this::record, "sms-record");
		this.recorder.setDaemon(true);
		this.leaseUntil = System.nanoTime();
		this.leases = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sms-lease");
			thread.setDaemon(true);
			return thread;
		});
	}

	public void start() {
		long renewal = this.settings.lease().toNanos() / 3;
		this.leases.scheduleWithFixedDelay(this::renewLease, 0, renewal, TimeUnit.NANOSECONDS);
		this.recorder.start();
		this.submitters.forEach(Thread::start);
		this.loop.start();
	}

	/**
	 * New messages were committed: look at the queue now rather than at the next poll.
	 */
	public void wake() {
		synchronized (this.wakeUp) {
			this.woken = true;
			this.wakeUp.notifyAll();
		}
	}

	/** The id the intake stores messages claimed by this dispatcher under. */
	public UUID owner() {
		return this.owner;
	}

	/**
	 * How many more messages the intake may store claimed by this dispatcher now: none
	 * while the SMSC is not bound (they would only wait out their claim), otherwise what
	 * keeps handed over what the workers get through in the hand-over horizon (five
	 * seconds) at the rate they do, at least a window's worth, at most
	 * {@code maxHandedOver}. Each message handed over needs no claim of its own (an
	 * update of its row and a share of a commit), and it is sent long before its claim is
	 * too old to submit. Read before the intake's transaction; a bound, not a promise.
	 */
	public int room() {
		if (!this.running || !this.smsc.isBound() || !holdsLease()) {
			return 0;
		}
		double horizon = this.settings.handOverHorizon().toMillis() / 1000.0;
		int sendable = (int) Math.min(this.settings.maxHandedOver(), donePerSecond() * horizon);
		return Math.max(0, Math.max(fill(), sendable) - this.handedOver.size());
	}

	/**
	 * Messages per second the workers got through over the last second or more: what they
	 * manage, which may be less than the rate limit (the SMSC's answers, the window).
	 */
	private double donePerSecond() {
		long now = System.nanoTime();
		synchronized (this.rateSample) {
			long elapsed = now - this.rateSampledAt;
			if (elapsed >= TimeUnit.SECONDS.toNanos(1)) {
				long done = this.doneMessages.get();
				this.donePerSecond = (done - this.rateSampledDone) * (double) TimeUnit.SECONDS.toNanos(1) / elapsed;
				this.rateSampledAt = now;
				this.rateSampledDone = done;
			}
			return this.donePerSecond;
		}
	}

	/**
	 * Messages the intake stored claimed by this dispatcher, after its commit: submitted
	 * next, before any claim of queued ones.
	 */
	public void dispatch(List<OutboundStore.ClaimedMessage> claimed) {
		if (claimed.isEmpty()) {
			return;
		}
		this.handedOver.addAll(claimed);
		wake();
	}

	public long submittedParts() {
		return this.submittedParts.get();
	}

	public long throttledParts() {
		return this.throttledParts.get();
	}

	/** Messages taken from what the intake handed over, so far. */
	public long handedOverMessages() {
		return this.handedOverMessages.get();
	}

	/** Messages claimed from the queue in the database, so far. */
	public long claimedMessages() {
		return this.claimedMessages.get();
	}

	public double currentRate() {
		return this.rate.current();
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Stops claiming, lets the messages being submitted finish (their outcome is
	 * recorded), for at most {@code grace}.
	 */
	@Override
	public void close() {
		this.running = false;
		wake();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		try {
			this.loop.join(5_000);
			for (Thread submitter : this.submitters) {
				submitter.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.inFlight.get() > 0) {
			log.warn("{} messages still submitting at shutdown; they are queued again after the claim timeout",
					this.inFlight.get());
		}
		this.recording = false;
		try {
			this.recorder.join(15_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		requeueHandedOver();
		dropLease();
	}

	private void dropLease() {
		this.leases.shutdownNow();
		this.leaseUntil = System.nanoTime();
		try {
			// a renewal still running would take the lease back after the delete
			this.leases.awaitTermination(DB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			this.store.dropLease(this.owner).block(DB_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("the dispatcher's lease was not given up at shutdown ({}); it lapses by itself", ex.toString());
		}
	}

	/**
	 * Gives back what the intake handed over and was never sent, so that another instance
	 * (or this one restarted) takes it at once rather than after the claim timeout.
	 */
	private void requeueHandedOver() {
		List<OutboundStore.ClaimedMessage> left = takeHandedOver(Integer.MAX_VALUE);
		this.toSend.drainTo(left);
		Instant now = this.clock.instant();
		try {
			Flux.fromIterable(left)
				.concatMap((message) -> this.store.requeue(message.id(), this.owner, now, now))
				.then()
				.block(DB_TIMEOUT);
		}
		catch (RuntimeException ex) {
			log.warn("{} messages not given back at shutdown ({}); they are queued again after the claim timeout",
					left.size(), ex.toString());
		}
	}

	private void run() {
		Instant lastSweep = Instant.EPOCH;
		boolean queueFirst = false;
		while (this.running) {
			try {
				Instant now = this.clock.instant();
				if (Duration.between(lastSweep, now).compareTo(sweepInterval()) > 0) {
					Long lapsed = this.store.releaseLapsed(this.settings.lease(), now).block(DB_TIMEOUT);
					if (lapsed != null && lapsed > 0) {
						log.warn("{} messages claimed by an instance whose lease lapsed are queued again", lapsed);
					}
					Long released = this.store.releaseStale(now.minus(this.settings.claimTimeout()), now)
						.block(DB_TIMEOUT);
					if (released != null && released > 0) {
						log.warn("{} messages claimed longer than the claim timeout ago are queued again", released);
					}
					// a receipt waits only until its submit's answer is recorded;
					// one never matched (its answer died with an instance, or it is
					// not ours) goes
					Long purged = this.store
						.purgeUnmatchedReceipts(now.minus(this.settings.unmatchedReceiptRetention()))
						.block(DB_TIMEOUT);
					if (purged != null && purged > 0) {
						log.info("{} delivery receipts for SMSC ids never recorded were deleted", purged);
					}
					lastSweep = now;
				}
				// outcomes waiting to be recorded hold their claims: do not outrun the
				// recorder
				if (!this.smsc.isBound() || this.outcomes.size() >= this.settings.batchSize() || !holdsLease()) {
					pause(Duration.ofMillis(50));
					continue;
				}
				// keep up to a window's worth waiting for the submit workers; claim more
				// when it falls to half (one claim, one commit, feeds half a window)
				if (!wantsMore()) {
					this.hungry.set(true);
					// checked again: a worker that took a message before the flag was
					// set woke nobody
					if (!wantsMore()) {
						pause(Duration.ofMillis(50));
					}
					continue;
				}
				int room = fill() - this.toSend.size();
				List<OutboundStore.ClaimedMessage> claimed = queueFirst ? claimFromQueue(room, now) : List.of();
				boolean fromQueue = queueFirst;
				if (claimed.isEmpty()) {
					claimed = takeHandedOver(room);
					this.handedOverMessages.addAndGet(claimed.size());
					fromQueue = false;
				}
				if (claimed.isEmpty() && !queueFirst) {
					claimed = claimFromQueue(room, now);
					fromQueue = true;
				}
				// while the queue has a backlog, every other refill comes from it: a
				// message queued in a burst is not held back by every one the intake
				// hands over after it
				queueFirst = !fromQueue && this.queueBacklogged;
				if (claimed.isEmpty()) {
					pause(this.settings.pollInterval());
					continue;
				}
				this.toSend.addAll(claimed);
			}
			catch (RuntimeException ex) {
				log.warn("sms dispatcher: {}; trying again", ex.toString());
				pause(this.settings.retryBackoff());
			}
		}
	}

	/**
	 * Claims up to {@code limit} queued messages; notes whether the queue had that many
	 * (so probably more).
	 */
	private List<OutboundStore.ClaimedMessage> claimFromQueue(int limit, Instant now) {
		List<OutboundStore.ClaimedMessage> claimed = this.store.claim(this.owner, limit, now)
			.collectList()
			.block(DB_TIMEOUT);
		if (claimed == null) {
			claimed = List.of();
		}
		this.queueBacklogged = claimed.size() >= limit;
		this.claimedMessages.addAndGet(claimed.size());
		return claimed;
	}

	/** How many claimed messages the loop keeps waiting for the workers, at most. */
	private int fill() {
		return Math.min(this.settings.window(), this.settings.batchSize());
	}

	/**
	 * Whether the waiting messages fell to half of {@link #fill()}: time to claim more.
	 */
	private boolean wantsMore() {
		return this.toSend.size() <= fill() / 2;
	}

	/**
	 * One submit worker: takes the next claimed message, submits it, queues its outcome
	 * for the recorder, and so on, waking nobody while messages are waiting.
	 */
	private void submitLoop() {
		while (this.running) {
			OutboundStore.ClaimedMessage message;
			try {
				message = this.toSend.poll(250, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (message == null) {
				continue;
			}
			if (wantsMore() && this.hungry.compareAndSet(true, false)) {
				wake();
			}
			this.inFlight.incrementAndGet();
			try {
				this.outcomes.add(new Recorded(message, send(message)));
			}
			catch (RuntimeException ex) {
				// the claim stays; it is queued again when the lease or claim timeout
				// says so
				log.error("sms {} could not be sent", message.id(), ex);
			}
			finally {
				this.inFlight.decrementAndGet();
				this.doneMessages.incrementAndGet();
			}
		}
	}

	/**
	 * Renews the lease, on a thread of its own (every third of the lease) so that a
	 * dispatch loop waiting for the window never lets it lapse. Its end is counted on
	 * this JVM's clock from before the renewal was sent, so it never ends later here than
	 * in the database.
	 */
	private void renewLease() {
		long sent = System.nanoTime();
		try {
			this.store.renewLease(this.owner).block(DB_TIMEOUT);
			this.leaseUntil = sent + this.settings.lease().toNanos();
		}
		catch (RuntimeException ex) {
			log.warn("the dispatcher's lease was not renewed ({}); no submit starts without it", ex.toString());
		}
	}

	/**
	 * Whether at least half of the lease is left: a submit started now has that long to
	 * be answered and recorded before another instance may queue its message again.
	 */
	private boolean holdsLease() {
		return this.leaseUntil - System.nanoTime() > this.settings.lease().toNanos() / 2;
	}

	private Duration sweepInterval() {
		Duration byClaim = this.settings.claimTimeout().dividedBy(4);
		Duration byLease = this.settings.lease().dividedBy(2);
		return (byLease.compareTo(byClaim) < 0) ? byLease : byClaim;
	}

	private List<OutboundStore.ClaimedMessage> takeHandedOver(int limit) {
		List<OutboundStore.ClaimedMessage> taken = new ArrayList<>();
		this.handedOver.drainTo(taken, limit);
		return taken;
	}

	private void pause(Duration duration) {
		synchronized (this.wakeUp) {
			if (!this.woken) {
				try {
					this.wakeUp.wait(Math.max(1, duration.toMillis()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.woken = false;
		}
	}

	private Outcome send(OutboundStore.ClaimedMessage message) {
		Instant now = this.clock.instant();
		if (!message.expiresAt().isAfter(now)) {
			return new Finished(SmsDeliveryStatus.EXPIRED, null);
		}
		SmsMessageId id = new SmsMessageId(message.id());
		String recipient;
		String text;
		try {
			recipient = PhoneNumber
				.parse(this.sealer.open(StoredSeal.read(message.recipient()), SmsRequested.sealingContext(id, "to")))
				.digits();
			text = this.sealer.open(StoredSeal.read(message.body()), SmsRequested.sealingContext(id, "text"));
		}
		catch (RuntimeException ex) {
			log.error("sms {}: its sealed number or text cannot be opened ({})", id, ex.getClass().getSimpleName());
			return new Finished(SmsDeliveryStatus.FAILED, "unreadable");
		}
		TextEncoding.Encoded encoded = this.encoding.encode(text, reference(message.id()));
		if (encoded instanceof TextEncoding.TooLong) {
			return new Finished(SmsDeliveryStatus.FAILED, SmsIntake.TOO_LONG);
		}
		List<String> smscIds = new ArrayList<>();
		for (Segment segment : ((TextEncoding.Parts) encoded).segments()) {
			SubmitResult result = submitPart(message, recipient, segment);
			if (result instanceof SubmitResult.Accepted accepted) {
				smscIds.add(accepted.smscMessageId());
			}
			else if (result instanceof SubmitResult.Refused refused) {
				log.warn("sms {} refused by the SMSC: {}", id, refused.commandStatus());
				return new Finished(SmsDeliveryStatus.FAILED, refused.commandStatus());
			}
			else {
				String reason = (result instanceof SubmitResult.Unavailable unavailable) ? unavailable.reason()
						: "throttled too long";
				log.info("sms {} queued again: {}", id, reason);
				return new Requeue();
			}
		}
		return new Submitted(smscIds);
	}

	/** Submits one part; a throttled part is tried again while the claim is young. */
	private SubmitResult submitPart(OutboundStore.ClaimedMessage message, String recipient, Segment segment) {
		Duration patience = this.settings.claimTimeout().dividedBy(4);
		while (true) {
			if (!this.running || Duration.between(message.claimedAt(), this.clock.instant()).compareTo(patience) > 0) {
				return new SubmitResult.Unavailable("claim too old to submit safely");
			}
			if (!holdsLease()) {
				return new SubmitResult.Unavailable("lease not renewed: another instance may take the claim");
			}
			try {
				this.rate.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new SubmitResult.Unavailable("interrupted");
			}
			SubmitResult result = this.smsc.submit(message.senderNumber(), recipient, segment);
			if (result instanceof SubmitResult.Throttled) {
				this.throttledParts.incrementAndGet();
				this.rate.throttled();
				continue;
			}
			if (result instanceof SubmitResult.Accepted) {
				this.submittedParts.incrementAndGet();
				this.rate.accepted();
			}
			return result;
		}
	}

	/** Records outcomes, as many as are waiting (up to a batch) per transaction. */
	private void record() {
		List<Recorded> batch = new ArrayList<>();
		while (this.recording || !this.outcomes.isEmpty() || this.inFlight.get() > 0) {
			try {
				Recorded first = this.outcomes.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.outcomes.drainTo(batch, this.settings.batchSize() - 1);
				recordUntilStored(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void recordUntilStored(List<Recorded> batch) throws InterruptedException {
		Duration backoff = this.settings.retryBackoff();
		while (true) {
			try {
				// the recorder's own thread may block; the timeout is inside the
				// transaction, so a slow one is rolled back (its locks released), not
				// abandoned open
				this.tx.transactional(recordAll(batch, this.clock.instant()).timeout(DB_TIMEOUT)).block();
				this.events.committed();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("{} outcomes not recorded ({}); trying again in {}", batch.size(), ex.toString(), backoff);
				Thread.sleep(backoff.toMillis());
			}
		}
	}

	/** The submitted ones in a few set statements, the others one by one. */
	private Mono<Void> recordAll(List<Recorded> batch, Instant now) {
		List<OutboundStore.SubmittedMessage> submitted = new ArrayList<>();
		java.util.Map<UUID, String> traceparents = new java.util.HashMap<>();
		List<Recorded> others = new ArrayList<>();
		for (Recorded recorded : batch) {
			if (recorded.outcome() instanceof Submitted done) {
				submitted.add(new OutboundStore.SubmittedMessage(recorded.message().id(), done.smscIds()));
				if (recorded.message().traceparent() != null) {
					traceparents.put(recorded.message().id(), recorded.message().traceparent());
				}
			}
			else {
				others.add(recorded);
			}
		}
		Mono<Void> all = this.store.submittedAll(this.owner, submitted, now)
			.map((change) -> new OutboundStore.StatusChange(change.messageId(), change.status(), change.errorCode(),
					traceparents.get(change.messageId())))
			.collectList()
			.flatMap(this.events::enqueueAll);
		return all.then(Flux.fromIterable(others).concatMap((recorded) -> recordOne(recorded, now)).then());
	}

	private Mono<Void> recordOne(Recorded recorded, Instant now) {
		OutboundStore.ClaimedMessage message = recorded.message();
		if (recorded.outcome() instanceof Finished finished) {
			return this.store.finish(message.id(), this.owner, finished.status(), finished.errorCode(), now)
				.map((change) -> new OutboundStore.StatusChange(change.messageId(), change.status(), change.errorCode(),
						message.traceparent()))
				.flatMap(this.events::enqueue);
		}
		return this.store.requeue(message.id(), this.owner, now.plus(this.settings.retryBackoff()), now);
	}

	/** The same 8-bit concatenation reference on every attempt of a message. */
	static int reference(UUID id) {
		return (int) (id.getLeastSignificantBits() & 0xFF);
	}

}
