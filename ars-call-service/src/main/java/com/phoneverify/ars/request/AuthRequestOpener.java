package com.phoneverify.ars.request;

import com.phoneverify.ars.call.PhoneNumber;
import com.phoneverify.ars.scenario.Digits;
import com.phoneverify.ars.scenario.ScenarioInputs;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.sealed.Sealer;

/**
 * Decodes an {@code auth-requested} record and opens its sealed fields. Every failure is
 * a {@link RejectedRecordException} whose message is the dead-letter reason (never
 * containing personal data).
 */
public final class AuthRequestOpener {

	private final EventCodec codec;

	private final Sealer sealer;

	public AuthRequestOpener(EventCodec codec, Sealer sealer) {
		this.codec = codec;
		this.sealer = sealer;
	}

	public CallRequest open(byte[] value) {
		AuthRequested event;
		try {
			event = this.codec.decode(value, AuthRequested.class);
		}
		catch (EventCodec.MalformedEventException ex) {
			throw new RejectedRecordException(ex.getMessage());
		}
		String phone = open(event, "phone", event.phone());
		String code = open(event, "code", event.code());
		String challengeKey = (event.challengeKey() != null) ? open(event, "challenge-key", event.challengeKey())
				: null;
		PhoneNumber number;
		Digits codeDigits;
		Digits keyDigits;
		try {
			number = new PhoneNumber(phone);
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("phone is not an E.164 number");
		}
		try {
			codeDigits = Digits.of(code);
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("code is not 1-16 digits");
		}
		if (codeDigits.length() != event.codeLength()) {
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
		return new CallRequest(event.eventId(), event.verificationId(), event.merchantId(), event.scenario(), number,
				new ScenarioInputs(codeDigits, keyDigits, event.codeLength()), event.expiresAt(), event.traceparent());
	}

	private String open(AuthRequested event, String field, com.phoneverify.contracts.sealed.SealedValue value) {
		try {
			return this.sealer.open(value, AuthRequested.sealingContext(event.verificationId(), field));
		}
		catch (Sealer.SealingException ex) {
			throw new RejectedRecordException("sealed field '" + field + "' does not open: " + ex.getMessage());
		}
	}

	/** A record that cannot become a call; its message is the dead-letter reason. */
	public static final class RejectedRecordException extends RuntimeException {

		public RejectedRecordException(String reason) {
			super(reason, null, false, false);
		}

	}

}
