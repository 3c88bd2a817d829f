package com.phoneverify.transfer.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpVerificationResult;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.ledger.Account;
import com.phoneverify.transfer.ledger.AccountNumber;
import com.phoneverify.transfer.ledger.Ledger;
import com.phoneverify.transfer.ledger.Ledger.PostingKind;
import com.phoneverify.transfer.ledger.RemitterAuthentication;
import com.phoneverify.transfer.ledger.RemitterAuthentication.UnknownAccountException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The use cases of a 2-WAY transfer. A request is checked (remitter, recipient account,
 * the telco's name check) before anything is written; then the transfer, the hold and the
 * consent SMS are written in one transaction. A reply, the expiry sweep and a cancel each
 * lock the transfer row and move it out of {@code awaiting_consent} with a conditional
 * update, so however often a reply is delivered, and whichever instance handles it, the
 * money moves once: the settle or the release, the result SMS and the evidence are in the
 * transaction that wins.
 */
public final class TransferService {

	private static final Logger logger = LoggerFactory.getLogger(TransferService.class);

	private final Ledger ledger;

	private final RemitterAuthentication authentication;

	private final TelcoNameCheck telco;

	private final TransferStore transfers;

	private final ConsentMessages messages;

	private final EvidenceLog evidence;

	private final TransferResults results;

	private final ConsentCodes codes;

	private final TransactionalOperator tx;

	private final Clock clock;

	private final Rules rules;

	private final OtpVerifications otp;

	private final ArsCalls arsCalls;

	/**
	 * @param bankCode this bank: transfers go to its accounts only
	 * @param maxAmount the largest transfer, in won
	 * @param expiry how long the recipient has to answer
	 * @param maxWrongCodes wrong codes that fail the transfer
	 * @param declineWords replies that refuse
	 * @param otp which transfers need the remitter's OTP
	 * @param arsFallbackAfter how long after its request a transfer still awaiting the
	 * SMS reply is offered an ARS call; zero: never
	 * @param expiryGrace how long after the expiry a transfer awaiting consent is left
	 * for a reply received in time but not yet consumed
	 */
	public record Rules(String bankCode, long maxAmount, Duration expiry, int maxWrongCodes, Set<String> declineWords,
			OtpRule otp, Duration arsFallbackAfter, Duration expiryGrace) {

		/** Whether transfers awaiting a reply are offered an ARS call. */
		public boolean arsFallback() {
			return !this.arsFallbackAfter.isZero() && !this.arsFallbackAfter.isNegative();
		}

	}

	public TransferService(Ledger ledger, RemitterAuthentication authentication, TelcoNameCheck telco,
			TransferStore transfers, ConsentMessages messages, EvidenceLog evidence, TransferResults results,
			ConsentCodes codes, OtpVerifications otp, ArsCalls arsCalls, TransactionalOperator tx, Clock clock,
			Rules rules) {
		this.ledger = ledger;
		this.authentication = authentication;
		this.telco = telco;
		this.transfers = transfers;
		this.messages = messages;
		this.evidence = evidence;
		this.results = results;
		this.codes = codes;
		this.tx = tx;
		this.clock = clock;
		this.rules = rules;
		this.otp = otp;
		this.arsCalls = arsCalls;
	}

	public Rules rules() {
		return this.rules;
	}

	/**
	 * Steps ①–⑤: checks and holds, then asks the recipient (or, for a normal transfer,
	 * executes at once).
	 */
	public Mono<Transfer> request(TransferRequest request) {
		if (request.amount() > this.rules.maxAmount()) {
			return Mono.error(new TransferRefusedException(TransferRefusedException.Kind.AMOUNT_OVER_LIMIT, "amount",
					"amount must be at most " + this.rules.maxAmount() + " KRW"));
		}
		if (!this.rules.bankCode().equals(request.toBank())) {
			return Mono.error(new TransferRefusedException(TransferRefusedException.Kind.INVALID_REQUEST, "toBank",
					"only accounts of this bank (" + this.rules.bankCode() + ") can receive"));
		}
		if (request.from().equals(request.to())) {
			return Mono.error(new TransferRefusedException(TransferRefusedException.Kind.INVALID_REQUEST, "toAccount",
					"toAccount must differ from fromAccount"));
		}
		// before the password: a request that cannot go on costs the remitter no attempt
		if (needsOtp(request) && request.otp() == null) {
			return Mono.error(new TransferRefusedException(TransferRefusedException.Kind.OTP_REQUIRED, "otp", "a "
					+ request.mode() + " transfer of " + request.amount()
					+ " KRW needs the remitter's OTP: the code of their OTP over the recipient account and the amount"));
		}
		return this.authentication.authenticate(request.from(), request.password())
			.flatMap((remitter) -> (remitter.balance() < request.amount())
					? Mono.<Account>error(new Ledger.InsufficientFundsException()) : Mono.just(remitter))
			.flatMap((remitter) -> this.ledger.account(request.to())
				.switchIfEmpty(Mono.error(() -> new UnknownAccountException("toAccount")))
				.flatMap((recipient) -> checkName(request, recipient)
					.flatMap((nameCheck) -> start(request, remitter, recipient, nameCheck))));
	}

	private Mono<NameCheck> checkName(TransferRequest request, Account recipient) {
		PhoneNumber phone = request.recipientPhone();
		if (!request.mode().needsConsent() || phone == null) {
			return Mono.just(NameCheck.match());
		}
		return this.telco.check(phone, recipient.holderName()).flatMap((check) -> switch (check.result()) {
			case MATCH -> Mono.just(check);
			case CLOSE_MATCH -> request.acceptCloseMatch() ? Mono.just(check)
					: Mono.error(new TransferRefusedException(TransferRefusedException.Kind.NAME_CLOSE_MATCH,
							"recipientPhone",
							"the phone's holder name is close to the recipient account holder's, not the same: "
									+ "confirm with acceptCloseMatch=true if it is the right person",
							check.telcoNameMasked()));
			case NO_MATCH -> Mono.error(new TransferRefusedException(TransferRefusedException.Kind.NAME_MISMATCH,
					"recipientPhone", "the phone is not held by the recipient account's holder"));
		});
	}

	private Mono<Transfer> start(TransferRequest request, Account remitter, Account recipient, NameCheck nameCheck) {
		Instant now = this.clock.instant();
		TransferRequest.Origin origin = request.origin();
		TransferId id = (origin != null) ? origin.id() : TransferId.random();
		MerchantId merchant = (origin != null) ? origin.merchant() : null;
		OtpInput otpInput = request.otp();
		if (needsOtp(request) && otpInput != null) {
			return awaitOtp(request, id, merchant, nameCheck, otpInput, now);
		}
		if (!request.mode().needsConsent()) {
			Transfer transfer = new Transfer(id, request.mode(), null, request.from(), request.toBank(), request.to(),
					request.amount(), null, null, TransferState.EXECUTED, null, null, 0, null, now, null, null, now,
					merchant);
			Mono<Void> work = this.transfers.insert(transfer)
				.then(this.ledger.post(id.value(), PostingKind.HOLD, request.from(), AccountNumber.ESCROW,
						request.amount()))
				.then(this.ledger.post(id.value(), PostingKind.SETTLE, AccountNumber.ESCROW, request.to(),
						request.amount()))
				.then(afterFinish(transfer, remitter, recipient, List.of(), null, now));
			return this.tx.transactional(work).then(Mono.fromRunnable(this::committed)).thenReturn(transfer);
		}
		String code = this.codes.generate();
		Instant expiresAt = (origin != null) ? origin.expiresAt() : now.plus(this.rules.expiry());
		PhoneNumber phone = request.recipientPhone();
		Transfer pending = new Transfer(id, request.mode(), request.purpose(), request.from(), request.toBank(),
				request.to(), request.amount(), phone, nameCheck, TransferState.AWAITING_CONSENT, null,
				this.codes.hash(id, code), 0, null, now, expiresAt, null, null, merchant);
		String text = SmsTexts.consentRequest(pending, remitter.holderName(), code);
		Mono<Transfer> work = this.messages.send(phone, text, id, true, expiresAt).flatMap((messageId) -> {
			Transfer transfer = withConsentMessage(pending, messageId);
			return this.transfers.insert(transfer)
				.then(this.ledger.post(id.value(), PostingKind.HOLD, request.from(), AccountNumber.ESCROW,
						request.amount()))
				.then(this.transfers.recordSms(messageId, id, TransferStore.SmsPurpose.CONSENT, now))
				.thenReturn(transfer);
		});
		return this.tx.transactional(work).doOnNext((transfer) -> {
			committed();
			logger.info("Transfer {} ({}) awaits the recipient's consent until {}", id, request.mode(), expiresAt);
		});
	}

	private boolean needsOtp(TransferRequest request) {
		return this.rules.otp().requires(request.mode(), request.amount());
	}

	/**
	 * The transfer waits for otp-service's answer: stored with nothing held, and the
	 * verification of the code bound to its recipient account and amount asked for, in
	 * one transaction. {@link #applyOtpAnswer} goes on from here; the expiry covers a
	 * lost answer.
	 */
	private Mono<Transfer> awaitOtp(TransferRequest request, TransferId id, @Nullable MerchantId merchant,
			NameCheck nameCheck, OtpInput otpInput, Instant now) {
		TransferRequest.Origin origin = request.origin();
		Instant expiresAt = (origin != null) ? origin.expiresAt() : now.plus(this.rules.expiry());
		Transfer waiting = new Transfer(id, request.mode(), request.purpose(), request.from(), request.toBank(),
				request.to(), request.amount(), request.recipientPhone(),
				request.mode().needsConsent() ? nameCheck : null, TransferState.AWAITING_OTP, null, null, 0, null, now,
				expiresAt, null, null, merchant);
		Mono<Transfer> work = this.transfers.insert(waiting)
			.then(this.otp.request(waiting, otpInput))
			.flatMap((requestId) -> this.transfers.otpRequested(id, requestId))
			.thenReturn(waiting);
		return this.tx.transactional(work).doOnNext((transfer) -> {
			committed();
			logger.info("Transfer {} ({}) awaits the remitter's OTP until {}", id, request.mode(), expiresAt);
		});
	}

	/**
	 * otp-service answered: a verified code goes on (hold and consent SMS, or execution
	 * of a normal transfer); a rejected or refused one fails the transfer, nothing having
	 * been held. Joins the caller's transaction (the idempotent consumer's); an answer to
	 * a transfer that is not awaiting its OTP any more (expired, canceled) changes
	 * nothing.
	 * @param problem for a refusal, otp-service's problem type (e.g. token-locked)
	 */
	public Mono<Void> applyOtpAnswer(OtpRequestId request, OtpVerificationResult result, @Nullable String problem) {
		return this.transfers.lockByOtpRequest(request)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				if (found.isEmpty() || found.get().state() != TransferState.AWAITING_OTP) {
					logger.info("OTP answer {} for no transfer awaiting it: ignored", request);
					return Mono.empty();
				}
				Transfer transfer = found.get();
				Instant now = this.clock.instant();
				return switch (result) {
					case VERIFIED -> otpVerified(transfer, now);
					case REJECTED -> endUnheld(transfer.finished(TransferState.FAILED, "otp_rejected", null, now), now);
					case REFUSED -> endUnheld(
							transfer.finished(TransferState.FAILED, "otp_refused_" + slug(problem), null, now), now);
				};
			});
	}

	private static String slug(@Nullable String problem) {
		if (problem == null) {
			return "unknown";
		}
		String last = problem.substring(problem.lastIndexOf('/') + 1);
		return last.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(java.util.Locale.ROOT);
	}

	private Mono<Void> otpVerified(Transfer transfer, Instant now) {
		TransferId id = transfer.id();
		return this.ledger.account(transfer.from()).flatMap((remitter) -> {
			if (remitter.balance() < transfer.amount()) {
				return endUnheld(transfer.finished(TransferState.FAILED, "insufficient_funds", null, now), now);
			}
			if (!transfer.mode().needsConsent()) {
				return this.ledger
					.post(id.value(), PostingKind.HOLD, transfer.from(), AccountNumber.ESCROW, transfer.amount())
					.then(execute(transfer.finished(TransferState.EXECUTED, null, null, now), null, now))
					.then();
			}
			PhoneNumber phone = java.util.Objects.requireNonNull(transfer.recipientPhone(), "recipientPhone");
			Instant expiresAt = java.util.Objects.requireNonNull(transfer.expiresAt(), "expiresAt");
			String code = this.codes.generate();
			byte[] codeHash = this.codes.hash(id, code);
			String text = SmsTexts.consentRequest(transfer, remitter.holderName(), code);
			return this.messages.send(phone, text, id, true, expiresAt)
				.flatMap((messageId) -> this.transfers.consentRequested(id, codeHash, messageId)
					.filter(Boolean::booleanValue)
					.flatMap((moved) -> this.ledger
						.post(id.value(), PostingKind.HOLD, transfer.from(), AccountNumber.ESCROW, transfer.amount())
						.then(this.transfers.recordSms(messageId, id, TransferStore.SmsPurpose.CONSENT, now))))
				.doOnSuccess((done) -> logger.info("Transfer {}: OTP verified, awaits the recipient's consent until {}",
						id, expiresAt));
		});
	}

	/**
	 * Ends a transfer that holds nothing (it was awaiting its OTP): the evidence and the
	 * result, no posting.
	 */
	private Mono<Void> endUnheld(Transfer finished, Instant now) {
		return this.transfers.finish(finished).flatMap((won) -> {
			if (!won) {
				return Mono.empty();
			}
			logger.info("Transfer {} ended {} ({}) before anything was held", finished.id(), finished.state(),
					finished.reason());
			return Mono.zip(this.ledger.account(finished.from()), this.ledger.account(finished.to()))
				.flatMap((accounts) -> afterFinish(finished, accounts.getT1(), accounts.getT2(), List.of(), null, now));
		});
	}

	/**
	 * Ends a transfer early (expiry, cancel): the hold goes back if there is one; a
	 * transfer still awaiting its OTP holds nothing.
	 */
	private Mono<Transfer> endEarly(Transfer current, TransferState state, String reason, Instant now) {
		Transfer finished = current.finished(state, reason, null, now);
		if (!current.state().holdsFunds()) {
			return endUnheld(finished, now).thenReturn(finished);
		}
		return release(finished, null, now);
	}

	private static Transfer withConsentMessage(Transfer t, SmsMessageId messageId) {
		return new Transfer(t.id(), t.mode(), t.purpose(), t.from(), t.toBank(), t.to(), t.amount(), t.recipientPhone(),
				t.nameCheck(), t.state(), t.reason(), t.codeHash(), t.wrongCodes(), messageId, t.requestedAt(),
				t.expiresAt(), t.repliedAt(), t.finishedAt(), t.merchant());
	}

	/**
	 * A request the gateway relayed, in the caller's transaction (the idempotent
	 * consumer's): applied once per transfer id, however often it is delivered; a request
	 * that cannot start is answered at once as refused, with the reason.
	 */
	public Mono<Void> requestFromGateway(TransferRequest request) {
		TransferRequest.Origin origin = java.util.Objects.requireNonNull(request.origin(), "origin");
		return this.transfers.known(origin.id()).flatMap((known) -> {
			if (known) {
				logger.info("Transfer request {} was applied before: ignored", origin.id());
				return Mono.empty();
			}
			return request(request).then().onErrorResume(TransferService::refusal, (ex) -> {
				String reason = reason(ex);
				logger.info("Transfer request {} refused: {}", origin.id(), reason);
				return this.transfers
					.recordUnstarted(origin.id(), origin.merchant(), false, reason, this.clock.instant())
					.flatMap((recorded) -> recorded
							? this.results.unstarted(origin.id(), origin.merchant(), false, reason) : Mono.empty());
			});
		});
	}

	/** A request that could not be read (sealed fields that are not what they claim). */
	public Mono<Void> refuseFromGateway(TransferId id, MerchantId merchant, String reason) {
		return this.transfers.recordUnstarted(id, merchant, false, reason, this.clock.instant())
			.flatMap((recorded) -> recorded ? this.results.unstarted(id, merchant, false, reason) : Mono.empty());
	}

	/**
	 * The merchant cancels, in the caller's transaction. A transfer awaiting consent is
	 * released; a request not applied yet is recorded as canceled (it will not start when
	 * it arrives); a finished transfer stays as it is.
	 */
	public Mono<Void> cancelFromGateway(TransferId id, MerchantId merchant) {
		return this.transfers.lock(id).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((found) -> {
			Instant now = this.clock.instant();
			if (found.isEmpty()) {
				return this.transfers.recordUnstarted(id, merchant, true, "canceled_by_merchant", now)
					.flatMap((recorded) -> recorded ? this.results.unstarted(id, merchant, true, "canceled_by_merchant")
							: Mono.empty());
			}
			Transfer transfer = found.get();
			if (!merchant.equals(transfer.merchant())) {
				logger.warn("Cancel of transfer {} by another merchant: ignored", id);
				return Mono.empty();
			}
			if (transfer.state().isFinal()) {
				return Mono.empty();
			}
			return endEarly(transfer, TransferState.CANCELED, "canceled_by_merchant", now).then();
		});
	}

	private static boolean refusal(Throwable error) {
		return error instanceof TransferRefusedException || error instanceof UnknownAccountException
				|| error instanceof RemitterAuthentication.AuthenticationFailedException
				|| error instanceof RemitterAuthentication.AccountLockedException
				|| error instanceof Ledger.InsufficientFundsException
				|| error instanceof TelcoNameCheck.NameCheckUnavailableException;
	}

	/** The reason of a refusal, as {@code transfer-completed} carries it. */
	static String reason(Throwable error) {
		if (error instanceof TransferRefusedException refused) {
			return switch (refused.kind()) {
				case NAME_MISMATCH -> "name_mismatch";
				case NAME_CLOSE_MATCH -> "name_close_match";
				case AMOUNT_OVER_LIMIT -> "amount_over_limit";
				case OTP_REQUIRED -> "otp_required";
				default -> "invalid_request";
			};
		}
		if (error instanceof UnknownAccountException) {
			return "unknown_account";
		}
		if (error instanceof RemitterAuthentication.AccountLockedException) {
			return "account_locked";
		}
		if (error instanceof RemitterAuthentication.AuthenticationFailedException) {
			return "wrong_password";
		}
		if (error instanceof Ledger.InsufficientFundsException) {
			return "insufficient_funds";
		}
		return "name_check_unavailable";
	}

	public Mono<Transfer> find(TransferId id) {
		return this.transfers.find(id).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	/** Monthly counts per mode (the paper's Table 4). */
	public Flux<TransferStore.MonthlyCount> monthlyCounts(YearMonth from, YearMonth to) {
		return this.transfers.monthlyCounts(from, to);
	}

	/** The remitter withdraws a transfer that waits for consent; the hold is released. */
	public Mono<Transfer> cancel(TransferId id, String password) {
		return find(id).flatMap((found) -> this.authentication.authenticate(found.from(), password))
			.then(this.tx.transactional(this.transfers.lock(id).flatMap((transfer) -> {
				if (transfer.state().isFinal()) {
					return Mono.error(new TransferRefusedException(TransferRefusedException.Kind.WRONG_STATE, null,
							"the transfer is " + transfer.state().name().toLowerCase(java.util.Locale.ROOT)
									+ " and can no longer be canceled"));
				}
				Instant now = this.clock.instant();
				return endEarly(transfer, TransferState.CANCELED, "canceled_by_remitter", now);
			})))
			.doOnNext((transfer) -> committed());
	}

	/**
	 * Steps ⑦–⑫: a reply to a consent request. Joins the caller's transaction (the
	 * idempotent consumer's). A reply that cannot decide (late, from another number,
	 * unreadable) is recorded and changes nothing else.
	 * @param receivedAt when the relay received it: a reply received before the expiry
	 * counts even when it is handled after
	 */
	public Mono<Void> applyReply(TransferId id, Instant receivedAt, String senderText, String text) {
		return this.transfers.lock(id)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> found.isPresent() ? decide(found.get(), receivedAt, senderText, text)
					: Mono.fromRunnable(
							() -> logger.warn("Reply to transfer {}, which this service does not know: ignored", id)));
	}

	private Mono<Void> decide(Transfer transfer, Instant receivedAt, String senderText, String text) {
		TransferId id = transfer.id();
		PhoneNumber sender = parseOrNull(senderText);
		String senderMasked = (sender != null) ? sender.masked() : PhoneNumber.mask(senderText);
		if (transfer.state().isFinal()) {
			logger.info("Reply to transfer {} ignored: it is {} already", id, transfer.state());
			return record(id, receivedAt, senderMasked, "after_end");
		}
		if (transfer.state() == TransferState.AWAITING_OTP) {
			// no consent SMS was sent yet: nobody can know a code
			return record(id, receivedAt, senderMasked, "before_consent");
		}
		if (transfer.expiresAt() != null && receivedAt.isAfter(transfer.expiresAt())) {
			return record(id, receivedAt, senderMasked, "after_expiry");
		}
		if (sender == null || !sender.equals(transfer.recipientPhone())) {
			logger.warn("Reply to transfer {} from {}, not the recipient: ignored", id, senderMasked);
			return record(id, receivedAt, senderMasked, "foreign_sender");
		}
		Reply reply = Reply.parse(text, this.codes.length(), this.rules.declineWords());
		Instant now = this.clock.instant();
		if (reply instanceof Reply.Decline) {
			return record(id, receivedAt, senderMasked, "declined")
				.then(release(transfer.finished(TransferState.DECLINED, "declined_by_recipient", receivedAt, now),
						sender, now))
				.then();
		}
		if (reply instanceof Reply.Code code) {
			if (transfer.codeHash() != null && this.codes.matches(id, code.digits(), transfer.codeHash())) {
				return record(id, receivedAt, senderMasked, "code_accepted")
					.then(execute(transfer.finished(TransferState.EXECUTED, null, receivedAt, now), sender, now))
					.then();
			}
			Transfer counted = transfer.withWrongCode();
			Mono<Void> wrong = record(id, receivedAt, senderMasked, "code_wrong").then(this.transfers.wrongCode(id));
			if (counted.wrongCodes() >= this.rules.maxWrongCodes()) {
				return wrong
					.then(release(counted.finished(TransferState.FAILED, "max_wrong_codes", receivedAt, now), sender,
							now))
					.then();
			}
			return wrong;
		}
		logger.info("Reply to transfer {} is neither a code nor a refusal ({})", id, ((Reply.Unreadable) reply).why());
		return record(id, receivedAt, senderMasked, "unreadable");
	}

	/**
	 * The relay reports that a consent SMS could not be delivered: the recipient can
	 * never answer, so the transfer fails and the hold is released. Joins the caller's
	 * transaction.
	 */
	public Mono<Void> consentUndeliverable(SmsMessageId message, String status) {
		Instant now = this.clock.instant();
		return this.transfers.smsStatus(message, status, now)
			.flatMap((id) -> this.transfers.lock(id))
			.filter((transfer) -> !transfer.state().isFinal())
			.flatMap((transfer) -> release(transfer.finished(TransferState.FAILED, "consent_sms_" + status, null, now),
					null, now))
			.then();
	}

	/** Records a delivery status that changes nothing else. */
	public Mono<Void> smsStatus(SmsMessageId message, String status) {
		return this.transfers.smsStatus(message, status, this.clock.instant()).then();
	}

	/**
	 * Releases the holds of transfers whose recipients did not answer in time; at most
	 * {@code limit} in one transaction. A transfer awaiting consent only once its expiry
	 * is {@code expiryGrace} past: a reply received before the expiry may still wait on
	 * the broker (this service was down), and it counts (see {@link #applyReply}).
	 * @return how many expired
	 */
	public Mono<Long> expireDue(int limit) {
		Instant now = this.clock.instant();
		return this.tx
			.transactional(this.transfers.lockExpired(now, now.minus(this.rules.expiryGrace()), limit)
				.flatMapMany(Flux::fromIterable)
				.concatMap((transfer) -> endEarly(transfer, TransferState.EXPIRED,
						(transfer.state() == TransferState.AWAITING_OTP) ? "no_otp_answer" : "no_reply", now))
				.count())
			.doOnNext((count) -> {
				if (count > 0) {
					committed();
					logger.info("{} transfers expired without a reply; their holds were released", count);
				}
			});
	}

	/**
	 * The ARS fallback: transfers still awaiting the recipient's SMS reply
	 * {@code arsFallbackAfter} after their request, not expired and not called yet, get
	 * one ARS call each (scenario E), asked for in the transaction that marks them
	 * called; at most {@code limit} in one transaction.
	 * @return how many calls were asked for
	 */
	public Mono<Long> requestDueArsCalls(int limit) {
		if (!this.rules.arsFallback()) {
			return Mono.just(0L);
		}
		Instant now = this.clock.instant();
		return this.tx
			.transactional(this.transfers.lockDueForArsCall(now.minus(this.rules.arsFallbackAfter()), now, limit)
				.flatMapMany(Flux::fromIterable)
				.concatMap((transfer) -> {
					VerificationId call = VerificationId.random();
					return this.arsCalls.request(transfer, call)
						.then(this.transfers.arsCallRequested(transfer.id(), call, now))
						.doOnSuccess((done) -> logger.info(
								"Transfer {} has no reply after {}: the recipient is called (ARS {})", transfer.id(),
								this.rules.arsFallbackAfter(), call))
						.thenReturn(transfer);
				})
				.count())
			.doOnNext((count) -> {
				if (count > 0) {
					committed();
				}
			});
	}

	/**
	 * ars-call-service reports the transfer's ARS call (its {@code call-completed}), in
	 * the caller's transaction (the idempotent consumer's): agreed executes the transfer
	 * as an accepted code does, refused declines it (the hold goes back); anything else
	 * (no answer, busy, hung up, no or a wrong key) changes nothing, and the SMS reply
	 * still works until the expiry. A call this service did not ask for (the gateway's
	 * verifications share the topic) is ignored.
	 * @param endedAt when the call ended: an answer after the consent expiry decides
	 * nothing
	 */
	public Mono<Void> applyCallCompleted(VerificationId call, CallOutcome outcome,
			@Nullable ScenarioResult scenarioResult, @Nullable Integer sipStatus, CallTimings timings,
			Instant endedAt) {
		return this.transfers.lockByArsCall(call)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				if (found.isEmpty()) {
					logger.debug("call-completed for {}, not an ARS call of ours: ignored", call);
					return Mono.empty();
				}
				Transfer transfer = found.get();
				return this.transfers
					.arsCallEnded(call, endedAt, wireName(outcome),
							(scenarioResult != null) ? wireName(scenarioResult) : null, sipStatus,
							timings.ringingMillis(), timings.answerMillis(), timings.totalMillis())
					.flatMap((ended) -> decideByCall(transfer, ended));
			});
	}

	/**
	 * Applies the call's first report (a call reported again decides as it did the first
	 * time).
	 */
	private Mono<Void> decideByCall(Transfer transfer, ArsCall call) {
		TransferId id = transfer.id();
		Instant endedAt = java.util.Objects.requireNonNull(call.endedAt(), "endedAt");
		String result = (call.scenarioResult() != null) ? call.scenarioResult()
				: java.util.Objects.requireNonNullElse(call.outcome(), "unknown");
		PhoneNumber recipient = java.util.Objects.requireNonNull(transfer.recipientPhone(), "recipientPhone");
		String recipientMasked = recipient.masked();
		if (transfer.state().isFinal()) {
			logger.info("ARS call of transfer {} ended {}: the transfer is {} already", id, result, transfer.state());
			return record(id, endedAt, recipientMasked, "ars_" + result + "_after_end");
		}
		if (transfer.expiresAt() != null && endedAt.isAfter(transfer.expiresAt())) {
			return record(id, endedAt, recipientMasked, "ars_" + result + "_after_expiry");
		}
		Instant now = this.clock.instant();
		Mono<Void> recorded = record(id, endedAt, recipientMasked, "ars_" + result);
		if (wireName(ScenarioResult.AGREED).equals(call.scenarioResult())) {
			logger.info("Transfer {}: the recipient agreed by ARS call", id);
			return recorded
				.then(finish(transfer.finished(TransferState.EXECUTED, null, endedAt, now), PostingKind.SETTLE,
						AccountNumber.ESCROW, transfer.to(), recipient, call.deciding(), now))
				.then();
		}
		if (wireName(ScenarioResult.REFUSED).equals(call.scenarioResult())) {
			logger.info("Transfer {}: the recipient refused by ARS call", id);
			return recorded
				.then(finish(transfer.finished(TransferState.DECLINED, "declined_by_recipient", endedAt, now),
						PostingKind.RELEASE, AccountNumber.ESCROW, transfer.from(), recipient, call.deciding(), now))
				.then();
		}
		logger.info("ARS call of transfer {} ended {}: it still awaits the SMS reply", id, result);
		return recorded;
	}

	private static String wireName(Enum<?> value) {
		return value.name().toLowerCase(java.util.Locale.ROOT);
	}

	/** Wakes the outbox relay: messages and results were committed. */
	public void committed() {
		this.messages.committed();
		this.results.committed();
		this.otp.committed();
		this.arsCalls.committed();
	}

	private Mono<Transfer> execute(Transfer finished, @Nullable PhoneNumber replySender, Instant now) {
		return finish(finished, PostingKind.SETTLE, AccountNumber.ESCROW, finished.to(), replySender, null, now);
	}

	private Mono<Transfer> release(Transfer finished, @Nullable PhoneNumber replySender, Instant now) {
		return finish(finished, PostingKind.RELEASE, AccountNumber.ESCROW, finished.from(), replySender, null, now);
	}

	/**
	 * The state guard: only the transaction that moves the row out of awaiting posts.
	 * @param decidingCall the ARS call whose answer ends the transfer, or null
	 */
	private Mono<Transfer> finish(Transfer finished, PostingKind kind, AccountNumber from, AccountNumber to,
			@Nullable PhoneNumber replySender, @Nullable ArsCall decidingCall, Instant now) {
		return this.transfers.finish(finished).flatMap((won) -> {
			if (!won) {
				return Mono.empty();
			}
			return this.ledger.post(finished.id().value(), kind, from, to, finished.amount())
				.then(Mono.zip(this.ledger.account(finished.from()), this.ledger.account(finished.to())))
				.flatMap((accounts) -> this.transfers.replies(finished.id())
					.collectList()
					.flatMap((replies) -> afterFinish(finished, accounts.getT1(), accounts.getT2(), replies,
							replySender, decidingCall, now)))
				.thenReturn(finished);
		});
	}

	private Mono<Void> afterFinish(Transfer finished, Account remitter, Account recipient,
			List<TransferStore.ReplyRecord> replies, @Nullable PhoneNumber replySender, Instant now) {
		return afterFinish(finished, remitter, recipient, replies, replySender, null, now);
	}

	/**
	 * Evidence and the result SMS to the remitter (steps ⑨–⑫).
	 * @param decidingCall the ARS call that decided, or null: then the transfer's call,
	 * if it had one, is recorded as not deciding
	 */
	private Mono<Void> afterFinish(Transfer finished, Account remitter, Account recipient,
			List<TransferStore.ReplyRecord> replies, @Nullable PhoneNumber replySender, @Nullable ArsCall decidingCall,
			Instant now) {
		MerchantId merchant = finished.merchant();
		Mono<Optional<ArsCall>> call = (decidingCall != null) ? Mono.just(Optional.of(decidingCall))
				: this.transfers.arsCall(finished.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
		Mono<Void> evidence = call
			.flatMap((arsCall) -> stopUnfinishedCall(finished, arsCall).then(this.evidence.append(finished,
					remitter.holderName(), recipient.holderName(), replies, replySender, arsCall.orElse(null), now)))
			.flatMap((file) -> (merchant != null) ? this.results.finished(finished, merchant, file) : Mono.empty());
		PhoneNumber remitterPhone = remitter.phone();
		if (remitterPhone == null) {
			return evidence;
		}
		return evidence
			.then(this.messages.send(remitterPhone, SmsTexts.result(finished), finished.id(), false,
					now.plus(Duration.ofHours(1))))
			.flatMap((message) -> this.transfers.recordSms(message, finished.id(), TransferStore.SmsPurpose.RESULT,
					now));
	}

	/**
	 * A fallback call that has not ended yet is of no use once the transfer ended
	 * otherwise: the recipient who already answered by SMS (or whose transfer expired or
	 * was canceled) is not asked again to press a key.
	 */
	private Mono<Void> stopUnfinishedCall(Transfer finished, Optional<ArsCall> call) {
		if (call.isEmpty() || call.get().endedAt() != null) {
			return Mono.empty();
		}
		logger.info("Transfer {} ended {} before its ARS call did: the call is stopped (ARS {})", finished.id(),
				finished.state(), call.get().verificationId());
		return this.arsCalls.stop(finished, call.get().verificationId());
	}

	private Mono<Void> record(TransferId id, Instant receivedAt, String senderMasked, String outcome) {
		return this.transfers.recordReply(id, new TransferStore.ReplyRecord(receivedAt, senderMasked, outcome));
	}

	private static @Nullable PhoneNumber parseOrNull(String text) {
		try {
			return PhoneNumber.parse(text);
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private static TransferRefusedException notFound(TransferId id) {
		return new TransferRefusedException(TransferRefusedException.Kind.NOT_FOUND, null,
				"no transfer " + id + " at this service");
	}

}
