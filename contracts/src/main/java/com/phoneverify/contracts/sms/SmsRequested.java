package com.phoneverify.contracts.sms;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.SealedValue;
import org.jspecify.annotations.Nullable;

/**
 * A service asks for an SMS or LMS to be sent: the payload on topic {@code sms-outbound}
 * (key: the message id; schema {@code sms-requested.v1.json}). The relay answers on
 * {@code sms-status} under the same message id.
 *
 * @param senderNumber the caller number shown to the recipient: one registered in the
 * sender-number registry, digits only (a business number, not personal data)
 * @param to the recipient's E.164 number, sealed with associated data
 * {@code <messageId>/to}
 * @param text the message text, sealed with {@code <messageId>/text}
 * @param replyFor when the recipient is asked to reply (2-WAY consent), the transfer the
 * reply belongs to: the relay matches a reply from {@code to} to this message and
 * publishes {@code consent-replied} keyed by this transfer id; null when no reply is
 * expected
 * @param expiresAt not sent after this instant (the status becomes expired)
 */
public record SmsRequested(SmsMessageId messageId, SmsKind kind, String senderNumber, SealedValue to, SealedValue text,
		@Nullable TransferId replyFor, Instant expiresAt) {

	public static final String TYPE = "sms-requested";

	public static final int VERSION = 1;

	public static final EventType<SmsRequested> EVENT_TYPE = new EventType<>(TYPE, VERSION, SmsRequested.class);

	private static final Pattern SENDER_NUMBER = Pattern.compile("[0-9]{3,16}");

	public SmsRequested {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(expiresAt, "expiresAt");
		if (senderNumber == null || !SENDER_NUMBER.matcher(senderNumber).matches()) {
			throw new IllegalArgumentException("senderNumber must be 3-16 digits");
		}
	}

	/** Associated data that binds a sealed field to this message. */
	public static String sealingContext(SmsMessageId id, String field) {
		return id + "/" + field;
	}

}
