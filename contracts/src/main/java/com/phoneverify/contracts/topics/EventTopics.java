package com.phoneverify.contracts.topics;

import java.util.List;

import com.phoneverify.contracts.EventTopic;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpVerificationRequested;
import com.phoneverify.contracts.otp.OtpVerified;
import com.phoneverify.contracts.sms.SmsReceived;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.sms.SmsStatusChanged;
import com.phoneverify.contracts.transfer.ConsentReplied;
import com.phoneverify.contracts.transfer.TransferCancelRequested;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferRequested;
import com.phoneverify.contracts.verification.VerificationOutcome;

/**
 * Every topic with its payload type and key. Produce with
 * {@code topic.envelope(payload, now, traceparent)} and {@link EventCodec#encode};
 * consume with {@link EventCodec#decode(byte[], EventTopic)}.
 */
public final class EventTopics {

	public static final EventTopic<VerificationId, AuthRequested> AUTH_REQUESTED = EventTopic.of(Topics.AUTH_REQUESTED,
			AuthRequested.EVENT_TYPE, AuthRequested::verificationId);

	public static final EventTopic<VerificationId, CallCompleted> CALL_COMPLETED = EventTopic.of(Topics.CALL_COMPLETED,
			CallCompleted.EVENT_TYPE, CallCompleted::verificationId);

	public static final EventTopic<VerificationId, VerificationOutcome> VERIFICATION_OUTCOMES = EventTopic
		.of(Topics.VERIFICATION_OUTCOMES, VerificationOutcome.EVENT_TYPE, VerificationOutcome::verificationId);

	/** Keyed by transfer, not by phone: see {@link ConsentReplied}. */
	public static final EventTopic<TransferId, ConsentReplied> CONSENT_REPLIED = EventTopic.of(Topics.CONSENT_REPLIED,
			ConsentReplied.EVENT_TYPE, ConsentReplied::transferId);

	public static final EventTopic<SmsMessageId, SmsRequested> SMS_OUTBOUND = EventTopic.of(Topics.SMS_OUTBOUND,
			SmsRequested.EVENT_TYPE, SmsRequested::messageId);

	public static final EventTopic<SmsMessageId, SmsStatusChanged> SMS_STATUS = EventTopic.of(Topics.SMS_STATUS,
			SmsStatusChanged.EVENT_TYPE, SmsStatusChanged::messageId);

	public static final EventTopic<OtpRequestId, OtpVerificationRequested> OTP_VERIFICATION_REQUESTED = EventTopic.of(
			Topics.OTP_VERIFICATION_REQUESTED, OtpVerificationRequested.EVENT_TYPE,
			OtpVerificationRequested::requestId);

	public static final EventTopic<OtpRequestId, OtpVerified> OTP_VERIFIED = EventTopic.of(Topics.OTP_VERIFIED,
			OtpVerified.EVENT_TYPE, OtpVerified::requestId);

	public static final EventTopic<VerificationId, TransferRequested> TRANSFER_REQUESTED = EventTopic
		.of(Topics.TRANSFER_REQUESTED, TransferRequested.EVENT_TYPE, TransferRequested::verificationId);

	public static final EventTopic<VerificationId, TransferCancelRequested> TRANSFER_CANCEL_REQUESTED = EventTopic.of(
			Topics.TRANSFER_CANCEL_REQUESTED, TransferCancelRequested.EVENT_TYPE,
			TransferCancelRequested::verificationId);

	public static final EventTopic<VerificationId, TransferCompleted> TRANSFER_COMPLETED = EventTopic
		.of(Topics.TRANSFER_COMPLETED, TransferCompleted.EVENT_TYPE, TransferCompleted::verificationId);

	/** Keyed by the id the relay gives an inbound message. */
	public static final EventTopic<SmsMessageId, SmsReceived> SMS_INBOUND = EventTopic.of(Topics.SMS_INBOUND,
			SmsReceived.EVENT_TYPE, SmsReceived::inboundId);

	private EventTopics() {
	}

	public static List<EventTopic<?, ?>> all() {
		return List.of(AUTH_REQUESTED, CALL_COMPLETED, VERIFICATION_OUTCOMES, CONSENT_REPLIED, SMS_OUTBOUND, SMS_STATUS,
				OTP_VERIFICATION_REQUESTED, OTP_VERIFIED, TRANSFER_REQUESTED, TRANSFER_CANCEL_REQUESTED,
				TRANSFER_COMPLETED, SMS_INBOUND);
	}

}
