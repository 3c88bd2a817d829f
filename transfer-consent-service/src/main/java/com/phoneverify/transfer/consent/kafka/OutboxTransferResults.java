package com.phoneverify.transfer.consent.kafka;

import java.time.Clock;
import java.util.Locale;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.outbox.OutboxMessage;
import com.phoneverify.transfer.consent.Transfer;
import com.phoneverify.transfer.consent.TransferResults;
import reactor.core.publisher.Mono;

/**
 * {@link TransferResults} as {@code transfer-completed} through the outbox, in the
 * transaction that ends the transfer (or records the refusal).
 */
final class OutboxTransferResults implements TransferResults {

	private final Outbox outbox;

	private final EventCodec codec;

	private final Clock clock;

	OutboxTransferResults(Outbox outbox, EventCodec codec, Clock clock) {
		this.outbox = outbox;
		this.codec = codec;
		this.clock = clock;
	}

	@Override
	public Mono<Void> finished(Transfer transfer, MerchantId merchant, String evidence) {
		TransferOutcome outcome = TransferOutcome.valueOf(transfer.state().name());
		return publish(new TransferCompleted(new VerificationId(transfer.id().value()), merchant, outcome,
				(transfer.reason() != null) ? transfer.reason().toLowerCase(Locale.ROOT) : null, evidence));
	}

	@Override
	public Mono<Void> unstarted(TransferId id, MerchantId merchant, boolean canceled, String reason) {
		return publish(new TransferCompleted(new VerificationId(id.value()), merchant,
				canceled ? TransferOutcome.CANCELED : TransferOutcome.REFUSED, reason, null));
	}

	private Mono<Void> publish(TransferCompleted completed) {
		return this.outbox.enqueue(OutboxMessage.of(Topics.TRANSFER_COMPLETED,
				EventTopics.TRANSFER_COMPLETED.envelope(completed, this.clock.instant(), null), this.codec));
	}

	@Override
	public void committed() {
		this.outbox.committed();
	}

}
