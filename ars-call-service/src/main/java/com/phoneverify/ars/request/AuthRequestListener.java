package com.phoneverify.ars.request;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.contracts.Topics;
import com.phoneverify.messaging.consume.DeadLetters;
import com.phoneverify.messaging.consume.InOrderAcks;
import com.phoneverify.messaging.trace.TraceLogging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The {@code auth-requested} consumer: translates a record and hands it over, never waits
 * for the call. Acknowledges each record once its outcome is on a topic (in offset order,
 * see {@link InOrderAcks}); pauses the container while {@code maxPending} records are
 * held and resumes it when one finishes.
 * <p>
 * A merchant's requests beyond {@code parkAfter} held in memory are parked in the call
 * log ({@link ParkingLot}) and acknowledged once stored, so one merchant's backlog never
 * fills {@code maxPending} and stalls every other merchant's intake. A record being
 * parked counts as pending only until it is stored (a stalled database still pauses
 * intake rather than piling records up in memory).
 */
public class AuthRequestListener {

	/** The listener container id (for pause and resume). */
	public static final String ID = "ars-auth-requested";

	/** Its listener container factory (manual, in-order acknowledgement). */
	public static final String CONTAINER_FACTORY = "authRequestedContainerFactory";

	private static final Logger log = LoggerFactory.getLogger(AuthRequestListener.class);

	/**
	 * Sending to Kafka is retried until the broker takes it: the record stays
	 * unacknowledged (and so uncommitted) meanwhile.
	 */
	static final Retry RETRY_SENDING = Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
		.maxBackoff(Duration.ofSeconds(10));

	private final AuthRequestOpener opener;

	private final CallRequestHandler handler;

	private final DeadLetters deadLetters;

	private final KafkaListenerEndpointRegistry registry;

	private final String consumerGroup;

	private final int maxPending;

	private final ParkingLot parkingLot;

	private final int parkAfter;

	private final AtomicInteger pending = new AtomicInteger();

	private final InOrderAcks acks = new InOrderAcks();

	private volatile boolean intake = true;

	public AuthRequestListener(AuthRequestOpener opener, CallRequestHandler handler, DeadLetters deadLetters,
			KafkaListenerEndpointRegistry registry, String consumerGroup, int maxPending, ParkingLot parkingLot,
			int parkAfter) {
		this.opener = opener;
		this.handler = handler;
		this.deadLetters = deadLetters;
		this.registry = registry;
		this.consumerGroup = consumerGroup;
		this.maxPending = maxPending;
		this.parkingLot = parkingLot;
		this.parkAfter = parkAfter;
	}

	@KafkaListener(id = ID, topics = Topics.AUTH_REQUESTED, containerFactory = CONTAINER_FACTORY)
	public void onRecord(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
		InOrderAcks.Ticket ticket = this.acks.track(record, ack);
		Mono<Boolean> work;
		String traceparent = TraceLogging.fromHeaders(record.headers());
		try {
			CallRequest request = this.opener.open(record.value());
			traceparent = (request.traceparent() != null) ? request.traceparent() : traceparent;
			work = (this.handler.held(request.merchantId()) >= this.parkAfter) ? park(request, record.value())
					: Mono.defer(() -> this.handler.handle(request));
		}
		catch (AuthRequestOpener.RejectedRecordException ex) {
			Mono<Void> letter = this.deadLetters.publish(record, this.consumerGroup, DeadLetters.reason(ex))
				.retryWhen(RETRY_SENDING);
			AuthRequestOpener.Unanswerable unanswerable = ex.unanswerable();
			if (unanswerable != null) {
				// the verification is known: it gets its final status now, not at expiry
				letter = letter.then(Mono.defer(() -> this.handler.unanswerable(unanswerable)));
			}
			work = letter.thenReturn(true);
		}
		if (this.pending.incrementAndGet() >= this.maxPending) {
			container().pause();
		}
		work.onErrorResume((ex) -> {
			// not expected (the handler ends every failure in a call-completed): leave
			// the record unacknowledged; a redelivery is deduplicated by the call log
			log.error("auth-requested {}-{}@{} failed", record.topic(), record.partition(), record.offset(), ex);
			return Mono.just(false);
		}).doOnNext((done) -> {
			if (done) {
				this.acks.finished(ticket);
			}
		}).doFinally((signal) -> {
			if (this.pending.decrementAndGet() < this.maxPending && this.intake && container().isPauseRequested()) {
				container().resume();
			}
		}).contextWrite(TraceLogging.context(traceparent)).subscribe();
	}

	/**
	 * Parks a request of a merchant that has {@code parkAfter} requests held here: it
	 * waits in the call log ({@link ParkedRequests} calls it when the merchant has room),
	 * and its record is acknowledged as soon as it is stored, so the consumer goes on
	 * reading other merchants' requests. A redelivery of a request already past
	 * {@code received} is handled as any redelivery.
	 */
	private Mono<Boolean> park(CallRequest request, byte[] value) {
		return Mono.defer(() -> this.parkingLot.park(request, value))
			.retryWhen(CallRequestHandler.UNTIL_IT_WORKS)
			.flatMap((parked) -> {
				if (parked) {
					log.debug("verification {} parked: merchant {} has {} requests held", request.verificationId(),
							request.merchantId(), this.parkAfter);
					return Mono.just(true);
				}
				return this.handler.handle(request);
			});
	}

	/**
	 * Stops reading {@code auth-requested} (the container stays in its group, so acks are
	 * still committed); used at shutdown.
	 */
	public void stopIntake() {
		this.intake = false;
		container().pause();
	}

	/**
	 * Called by the container when partitions are revoked: unfinished records of those
	 * partitions will be re-delivered to their next owner (and deduplicated here if that
	 * is us).
	 */
	public void partitionsRevoked(Collection<TopicPartition> partitions) {
		this.acks.revoked(partitions);
	}

	/** Records held: calling, waiting for a channel, or being published. */
	public int pending() {
		return this.pending.get();
	}

	private MessageListenerContainer container() {
		return this.registry.getListenerContainer(ID);
	}

}
