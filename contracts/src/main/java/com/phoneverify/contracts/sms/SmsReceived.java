package com.phoneverify.contracts.sms;

import java.util.Objects;
import java.util.regex.Pattern;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.sealed.SealedValue;

/**
 * A phone sent an SMS (mobile-originated) that answers no 2-WAY consent request: the
 * payload on topic {@code sms-inbound} (key: the id the relay gave the inbound message;
 * schema {@code sms-received.v1.json}). The envelope's {@code occurredAt} is when the
 * relay received it. Replies to a consent request go to {@code consent-replied} instead.
 *
 * @param inboundId the id the relay gave this inbound message
 * @param serviceNumber the number the phone wrote to (one of ours, a business number, not
 * personal data), digits only
 * @param sender the number it came from as the SMSC gave it (E.164 when it parses),
 * sealed with associated data {@code <inboundId>/sender}
 * @param text the message as decoded, sealed with {@code <inboundId>/text}
 */
public record SmsReceived(SmsMessageId inboundId, String serviceNumber, SealedValue sender, SealedValue text) {

	public static final String TYPE = "sms-received";

	public static final int VERSION = 1;

	public static final EventType<SmsReceived> EVENT_TYPE = new EventType<>(TYPE, VERSION, SmsReceived.class);

	private static final Pattern SERVICE_NUMBER = Pattern.compile("[0-9]{1,21}");

	public SmsReceived {
		Objects.requireNonNull(inboundId, "inboundId");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(text, "text");
		if (serviceNumber == null || !SERVICE_NUMBER.matcher(serviceNumber).matches()) {
			throw new IllegalArgumentException("serviceNumber must be 1-21 digits");
		}
	}

	/** Associated data that binds a sealed field to this inbound message. */
	public static String sealingContext(SmsMessageId id, String field) {
		return id + "/" + field;
	}

}
