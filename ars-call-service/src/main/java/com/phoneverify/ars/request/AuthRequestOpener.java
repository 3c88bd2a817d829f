package com.phoneverify.ars.request;

import java.util.UUID;

import com.phoneverify.ars.scenario.Digits;
import com.phoneverify.ars.scenario.ScenarioInputs;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.topics.EventTopics;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code auth-requested} record and opens its sealed fields. Every failure is
 * a {@link RejectedRecordException} whose message is the dead-letter reason (never
 * containing personal data); when the event itself decoded it also names the verification
 * ({@link Unanswerable}), which then ends without a call.
 */
public final class AuthRequestOpener {

	private final EventCodec codec;

	private final Sealer sealer;

	public AuthRequestOpener(EventCodec codec, Sealer sealer) {
		this.codec = codec;
		this.sealer = sealer;
	}

	/**
	 * @throws RejectedRecordException when the record cannot become a call; it names the
	 * verification when the event itself decoded
	 */
	public CallRequest open(byte[] value) {
		EventEnvelope<AuthRequested> event;
		try {
			event = this.codec.decode(value, EventTopics.AUTH_REQUESTED);
		}
		catch (EventCodec.MalformedEventException ex) {
			throw new RejectedRecordException(ex.getMessage());
		}
		try {
			return open(event);
		}
		catch (RejectedRecordException ex) {
			throw new RejectedRecordException(ex.getMessage(), Unanswerable.of(event, ex.outcome));
		}
		catch (RuntimeException ex) {
			// never a message that could carry data: the type says enough
			throw new RejectedRecordException("cannot open the event: " + ex.getClass().getSimpleName(),
					Unanswerable.of(event, CallOutcome.TRANSPORT_ERROR));
		}
	}

	private CallRequest open(EventEnvelope<AuthRequested> envelope) {
		AuthRequested event = envelope.payload();
		String phone = open(event, "phone", event.phone());
		// E asks for consent and carries no code (the contract guarantees one for A-C)
		String code = (event.code() != null) ? open(event, "code", event.code()) : null;
		String challengeKey = (event.challengeKey() != null) ? open(event, "challenge-key", event.challengeKey())
				: null;
		PhoneNumber number;
		@Nullable Digits codeDigits;
		Digits keyDigits;
		try {
			number = PhoneNumber.parse(phone);
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("phone is not a Korean E.164 number", CallOutcome.BAD_NUMBER);
		}
		try {
			codeDigits = (code != null) ? Digits.of(code) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("code is not 1-16 digits");
		}
		if (codeDigits != null && codeDigits.length() != event.codeLength()) {
			throw new RejectedRecordException("code length differs from codeLength " + event.codeLength());
		}
		try {
			keyDigits = (challengeKey != null) ? Digits.of(challengeKey) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("challenge key is not a digit");
		}
		if (keyDigits != null && keyDigits.length() != 1) {
			throw new RejectedRecordException("challenge key must be one digit");
		}
		return new CallRequest(envelope.eventId(), event.verificationId(), event.merchantId(), event.scenario(), number,
				new ScenarioInputs(codeDigits, keyDigits, event.codeLength()), event.expiresAt(),
				envelope.traceparent());
	}

	private String open(AuthRequested event, String field, com.phoneverify.contracts.sealed.SealedValue value) {
		try {
			return this.sealer.open(value, AuthRequested.sealingContext(event.verificationId(), field));
		}
		catch (Sealer.SealingException ex) {
			throw new RejectedRecordException("sealed field '" + field + "' does not open: " + ex.getMessage());
		}
	}

	/**
	 * A record that cannot become a call; its message is the dead-letter reason (never
	 * personal data).
	 */
	public static final class RejectedRecordException extends RuntimeException {

		private final transient @Nullable Unanswerable unanswerable;

		private final CallOutcome outcome;

		public RejectedRecordException(String reason) {
			this(reason, (Unanswerable) null);
		}

		RejectedRecordException(String reason, @Nullable Unanswerable unanswerable) {
			super(reason, null, false, false);
			this.unanswerable = unanswerable;
			this.outcome = (unanswerable != null) ? unanswerable.outcome() : CallOutcome.TRANSPORT_ERROR;
		}

		private RejectedRecordException(String reason, CallOutcome outcome) {
			super(reason, null, false, false);
			this.unanswerable = null;
			this.outcome = outcome;
		}

		/**
		 * The verification the record belongs to, when the event decoded: it still gets a
		 * {@code call-completed}. Null when the record does not even decode (nothing to
		 * answer).
		 */
		public @Nullable Unanswerable unanswerable() {
			return this.unanswerable;
		}

	}

	/**
	 * A decoded request that cannot be called (its sealed fields do not open, or its
	 * number or code is invalid): its verification ends with {@code outcome} without a
	 * call, so the merchant gets a final status rather than waiting for the expiry.
	 *
	 * @param outcome {@code bad_number} for a number that is not E.164, else
	 * {@code transport_error}
	 */
	public record Unanswerable(UUID eventId, VerificationId verificationId, MerchantId merchantId,
			@Nullable String traceparent, CallOutcome outcome) {

		static Unanswerable of(EventEnvelope<AuthRequested> event, CallOutcome outcome) {
			return new Unanswerable(event.eventId(), event.payload().verificationId(), event.payload().merchantId(),
					event.traceparent(), outcome);
		}

	}

}
