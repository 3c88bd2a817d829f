package com.phoneverify.contracts.transfer;

import java.util.Objects;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sealed.SealedValue;

/**
 * A phone replied by SMS to a 2-WAY consent request: the payload on topic
 * {@code consent-replied} (key: the transfer id; schema {@code consent-replied.v1.json}).
 * The envelope's {@code occurredAt} is when the relay received the reply. The relay only
 * relays: transfer-consent-service checks the code, that the sender is the recipient it
 * asked, and that the request has not expired.
 * <p>
 * Keyed by the transfer id, not the sender's phone: record keys are not sealed, so a
 * phone number as key would sit in clear on the broker, in dead-letter topics and in
 * every tool that shows keys; and the transfer id keeps all events of one transfer in
 * order on one partition, even when one phone answers several transfers. The relay knows
 * the transfer because it matches the reply to the message that asked for it
 * ({@code SmsRequested.replyFor}).
 *
 * @param inReplyTo the outbound message the reply answers
 * @param sender the E.164 number the reply came from, sealed with associated data
 * {@code <transferId>/sender}
 * @param text the reply as typed, sealed with {@code <transferId>/text}
 */
public record ConsentReplied(TransferId transferId, SmsMessageId inReplyTo, SealedValue sender, SealedValue text) {

	public static final String TYPE = "consent-replied";

	public static final int VERSION = 1;

	public static final EventType<ConsentReplied> EVENT_TYPE = new EventType<>(TYPE, VERSION, ConsentReplied.class);

	public ConsentReplied {
		Objects.requireNonNull(transferId, "transferId");
		Objects.requireNonNull(inReplyTo, "inReplyTo");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(text, "text");
	}

	/** Associated data that binds a sealed field to this transfer. */
	public static String sealingContext(TransferId id, String field) {
		return id + "/" + field;
	}

}
