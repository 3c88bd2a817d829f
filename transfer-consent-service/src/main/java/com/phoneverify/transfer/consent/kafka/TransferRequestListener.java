package com.phoneverify.transfer.consent.kafka;

import java.time.LocalDate;

import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.TransferCancelRequested;
import com.phoneverify.contracts.transfer.TransferOtp;
import com.phoneverify.contracts.transfer.TransferRequested;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.PoisonRecordException;
import com.phoneverify.transfer.consent.OtpInput;
import com.phoneverify.transfer.consent.Purpose;
import com.phoneverify.transfer.consent.TransferMode;
import com.phoneverify.transfer.consent.TransferRequest;
import com.phoneverify.transfer.consent.TransferService;
import com.phoneverify.transfer.ledger.AccountNumber;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * The gateway's requests: {@code transfer-requested} (opened, translated, applied once
 * per event id and once per transfer id) and {@code transfer-cancel-requested}. A sealed
 * field no key of ours opens is poison; a field that opens but is malformed (not an
 * account number, not a phone) refuses the request with {@code invalid_request}.
 */
class TransferRequestListener {

	static final String REQUESTED_ID = "transfer-requested";

	static final String CANCEL_ID = "transfer-cancel-requested";

	private final IdempotentConsumer consumer;

	private final TransferService transfers;

	private final Sealer sealer;

	TransferRequestListener(IdempotentConsumer consumer, TransferService transfers, Sealer sealer) {
		this.consumer = consumer;
		this.transfers = transfers;
		this.sealer = sealer;
	}

	// idIsGroup = false: the group is messaging.consumes.<topic> (the container
	// factory's), not the id
	@KafkaListener(id = REQUESTED_ID, idIsGroup = false, topics = Topics.TRANSFER_REQUESTED,
			containerFactory = KafkaConfiguration.TRANSFER_REQUESTED)
	void onTransferRequested(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.TRANSFER_REQUESTED, this::apply);
		this.transfers.committed();
	}

	@KafkaListener(id = CANCEL_ID, idIsGroup = false, topics = Topics.TRANSFER_CANCEL_REQUESTED,
			containerFactory = KafkaConfiguration.TRANSFER_CANCEL_REQUESTED)
	void onTransferCancelRequested(ConsumerRecord<String, byte[]> record) {
		this.consumer.apply(record, EventTopics.TRANSFER_CANCEL_REQUESTED, this::cancel);
		this.transfers.committed();
	}

	private Mono<Void> apply(EventEnvelope<TransferRequested> event) {
		TransferRequested requested = event.payload();
		TransferId id = new TransferId(requested.verificationId().value());
		TransferRequest request;
		try {
			request = translate(requested, id);
		}
		catch (IllegalArgumentException ex) {
			return this.transfers.refuseFromGateway(id, requested.merchantId(), "invalid_request");
		}
		return this.transfers.requestFromGateway(request);
	}

	private TransferRequest translate(TransferRequested requested, TransferId id) {
		PhoneNumber phone = (requested.recipientPhone() != null)
				? PhoneNumber.parse(open(requested, requested.recipientPhone(), "recipientPhone")) : null;
		TransferMode mode = TransferMode.valueOf(requested.mode().name());
		Purpose purpose = null;
		if (requested.purpose() != null) {
			LocalDate repayment = requested.repaymentDate();
			String conditions = (requested.conditions() != null) ? open(requested, requested.conditions(), "conditions")
					: null;
			purpose = new Purpose(Purpose.Type.valueOf(requested.purpose().name()), repayment, conditions);
		}
		if ((mode == TransferMode.MUTUAL_CONSENT) != (purpose != null) || (mode.needsConsent() && phone == null)) {
			throw new IllegalArgumentException("mode, purpose and phone do not fit together");
		}
		return new TransferRequest(AccountNumber.parse(open(requested, requested.fromAccount(), "fromAccount")),
				open(requested, requested.password(), "password"), requested.amount(), requested.toBank(),
				AccountNumber.parse(open(requested, requested.toAccount(), "toAccount")), phone, mode, purpose,
				requested.acceptCloseMatch(),
				new TransferRequest.Origin(id, requested.merchantId(), requested.expiresAt()), otp(requested));
	}

	private @Nullable OtpInput otp(TransferRequested requested) {
		TransferOtp otp = requested.otp();
		if (otp == null) {
			return null;
		}
		return new OtpInput(open(requested, otp.realNameId(), "otp.realNameId"), otp.tokenKind(),
				open(requested, otp.code(), "otp.code"),
				(otp.pin() != null) ? open(requested, otp.pin(), "otp.pin") : null);
	}

	private String open(TransferRequested requested, @Nullable SealedValue value, String field) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is missing");
		}
		try {
			return this.sealer.open(value, TransferRequested.sealingContext(requested.verificationId(), field));
		}
		catch (Sealer.SealingException ex) {
			throw new PoisonRecordException("transfer-requested does not open: " + ex.getMessage());
		}
	}

	private Mono<Void> cancel(EventEnvelope<TransferCancelRequested> event) {
		TransferCancelRequested cancel = event.payload();
		return this.transfers.cancelFromGateway(new TransferId(cancel.verificationId().value()), cancel.merchantId());
	}

}
