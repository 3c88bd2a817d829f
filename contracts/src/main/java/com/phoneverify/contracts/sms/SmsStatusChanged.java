package com.phoneverify.contracts.sms;

import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.SmsMessageId;
import org.jspecify.annotations.Nullable;

/**
 * An outbound message moved to a new delivery status: the payload on topic
 * {@code sms-status} (key: the message id; schema {@code sms-status-changed.v1.json}).
 * Carries neither the number nor the text.
 *
 * @param errorCode failed only: the SMSC's error (SMPP command status or the receipt's
 * {@code err:} field), e.g. {@code 0x0000000B}; null otherwise
 */
public record SmsStatusChanged(SmsMessageId messageId, SmsDeliveryStatus status, @Nullable String errorCode) {

	public static final String TYPE = "sms-status-changed";

	public static final int VERSION = 1;

	public static final EventType<SmsStatusChanged> EVENT_TYPE = new EventType<>(TYPE, VERSION, SmsStatusChanged.class);

	public SmsStatusChanged {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(status, "status");
		if (errorCode != null && status != SmsDeliveryStatus.FAILED) {
			throw new IllegalArgumentException("only a failed message has an error code");
		}
	}

}
