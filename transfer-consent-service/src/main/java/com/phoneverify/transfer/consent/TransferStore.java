package com.phoneverify.transfer.consent;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.otp.OtpRequestId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where transfers are kept. Every method joins the caller's transaction. */
public interface TransferStore {

	Mono<Void> insert(Transfer transfer);

	/** The transfer, or empty. */
	Mono<Transfer> find(TransferId id);

	/**
	 * The transfer, locked until the transaction ends (replies to one transfer queue).
	 */
	Mono<Transfer> lock(TransferId id);

	/** Remembers the OTP verification a transfer awaits. */
	Mono<Void> otpRequested(TransferId id, OtpRequestId request);

	/** The transfer that awaits this OTP verification, locked; or empty. */
	Mono<Transfer> lockByOtpRequest(OtpRequestId request);

	/**
	 * Moves a transfer from awaiting its OTP to awaiting consent, with its consent code
	 * and SMS: false when it was not awaiting its OTP any more.
	 */
	Mono<Boolean> consentRequested(TransferId id, byte[] codeHash, SmsMessageId message);

	/**
	 * Moves an awaiting transfer to its final state: false when it was not awaiting any
	 * more (the state guard of exactly-once).
	 */
	Mono<Boolean> finish(Transfer finished);

	/** Counts one more wrong code. */
	Mono<Void> wrongCode(TransferId id);

	/** Keeps what a reply said and what became of it. */
	Mono<Void> recordReply(TransferId id, ReplyRecord reply);

	/** The replies of a transfer, oldest first. */
	Flux<ReplyRecord> replies(TransferId id);

	/**
	 * Awaiting transfers whose expiry has passed, locked (and skipped when another
	 * instance holds them), at most {@code limit}: those awaiting their OTP once the
	 * expiry is before {@code now}, those awaiting consent once it is before
	 * {@code consentDeadline} (a reply received in time may still be on its way). Read
	 * whole: a connection runs one statement at a time, so the caller's next statements
	 * in the same transaction cannot start while these rows still stream.
	 */
	Mono<List<Transfer>> lockExpired(Instant now, Instant consentDeadline, int limit);

	/**
	 * Transfers awaiting consent that were requested before {@code requestedBefore}, have
	 * not expired at {@code now} and have had no ARS call asked for: locked (and skipped
	 * when another instance holds them), at most {@code limit}, oldest first; read whole
	 * (see {@link #lockExpired}).
	 */
	Mono<List<Transfer>> lockDueForArsCall(Instant requestedBefore, Instant now, int limit);

	/**
	 * Remembers that the ARS call was asked for: a transfer is called once (the sweep's
	 * flag).
	 */
	Mono<Void> arsCallRequested(TransferId id, VerificationId call, Instant at);

	/** The transfer whose ARS call this is, locked; or empty. */
	Mono<Transfer> lockByArsCall(VerificationId call);

	/** Keeps how the ARS call ended; the first report counts. */
	Mono<ArsCall> arsCallEnded(VerificationId call, Instant endedAt, String outcome, @Nullable String scenarioResult,
			@Nullable Integer sipStatus, @Nullable Long ringingMillis, @Nullable Long answerMillis, long totalMillis);

	/** The ARS call of a transfer, or empty when none was asked for. */
	Mono<ArsCall> arsCall(TransferId id);

	/** Remembers an SMS asked for on behalf of a transfer. */
	Mono<Void> recordSms(SmsMessageId message, TransferId transfer, SmsPurpose purpose, Instant now);

	/**
	 * Records a message's delivery status.
	 * @return the transfer, when the message was its consent request
	 */
	Mono<TransferId> smsStatus(SmsMessageId message, String status, Instant now);

	/**
	 * Whether a request with this id was applied already: it became a transfer, or was
	 * refused or canceled before it started.
	 */
	Mono<Boolean> known(TransferId id);

	/**
	 * Records a request that never became a transfer; false when one with this id was
	 * recorded before.
	 * @param canceled canceled by the merchant before it was applied (else refused)
	 */
	Mono<Boolean> recordUnstarted(TransferId id, MerchantId merchant, boolean canceled, String reason, Instant now);

	/** Transfers requested per month and mode (Table 4 of the paper), oldest first. */
	Flux<MonthlyCount> monthlyCounts(YearMonth from, YearMonth to);

	/** Why an SMS was sent. */
	enum SmsPurpose {

		CONSENT, RESULT

	}

	/**
	 * One reply as kept.
	 *
	 * @param senderMasked the sender's number, masked
	 * @param outcome what became of it: {@code code_accepted}, {@code code_wrong},
	 * {@code declined}, {@code unreadable}, {@code foreign_sender}, {@code after_expiry},
	 * {@code after_end}, {@code before_consent}
	 */
	record ReplyRecord(Instant receivedAt, String senderMasked, String outcome) {
	}

	/**
	 * @param requested transfers requested in the month with this mode
	 * @param executed of those, executed
	 */
	record MonthlyCount(YearMonth month, TransferMode mode, long requested, long executed) {
	}

}
