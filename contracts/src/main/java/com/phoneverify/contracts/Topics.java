package com.phoneverify.contracts;

/**
 * Kafka topic names, as constants for annotations such as {@code @KafkaListener}. Each
 * topic's payload type and record key are in
 * {@link com.phoneverify.contracts.topics.EventTopics}; the AsyncAPI document
 * ({@code asyncapi.yaml}) describes each topic's schema, producers and consumers.
 */
public final class Topics {

	/**
	 * A verification asks for an outbound ARS call. Key: verification id. Producer:
	 * gateway.
	 */
	public static final String AUTH_REQUESTED = "auth-requested";

	/**
	 * An ARS call has ended, whatever the reason. Key: verification id. Producer:
	 * ars-call-service.
	 */
	public static final String CALL_COMPLETED = "call-completed";

	/**
	 * A verification reached a new merchant-facing status. Key: verification id.
	 * Producer: gateway.
	 */
	public static final String VERIFICATION_OUTCOMES = "verification-outcomes";

	/**
	 * A phone replied by SMS to a 2-WAY consent request. Key: transfer id. Producer:
	 * sms-relay.
	 */
	public static final String CONSENT_REPLIED = "consent-replied";

	/**
	 * A service asks for an SMS or LMS to be sent. Key: message id. Consumer: sms-relay.
	 */
	public static final String SMS_OUTBOUND = "sms-outbound";

	/**
	 * An outbound message's delivery status changed. Key: message id. Producer:
	 * sms-relay.
	 */
	public static final String SMS_STATUS = "sms-status";

	/**
	 * A service asks otp-service to verify a customer's OTP or transfer-bound OCRA code.
	 * Key: OTP request id. Producer: transfer-consent-service (and any other service).
	 */
	public static final String OTP_VERIFICATION_REQUESTED = "otp-verification-requested";

	/**
	 * otp-service's answer to one OTP verification request. Key: OTP request id.
	 * Producer: otp-service.
	 */
	public static final String OTP_VERIFIED = "otp-verified";

	/**
	 * A merchant asked for a 2-WAY transfer. Key: verification id. Producer: gateway.
	 */
	public static final String TRANSFER_REQUESTED = "transfer-requested";

	/**
	 * A merchant asked to cancel a 2-WAY transfer. Key: verification id. Producer:
	 * gateway.
	 */
	public static final String TRANSFER_CANCEL_REQUESTED = "transfer-cancel-requested";

	/**
	 * A 2-WAY transfer requested through the gateway ended. Key: verification id.
	 * Producer: transfer-consent-service.
	 */
	public static final String TRANSFER_COMPLETED = "transfer-completed";

	/**
	 * A phone sent an SMS that answers no consent request. Key: inbound message id.
	 * Producer: sms-relay.
	 */
	public static final String SMS_INBOUND = "sms-inbound";

	private Topics() {
	}

	/**
	 * The dead-letter topic of one consumer group on one topic:
	 * {@code <topic>.<group>.dlt}. Records that the consumer cannot decode or process go
	 * there unchanged, with the reason in the {@link DeadLetters#REASON_HEADER} header,
	 * and the consumer moves on.
	 */
	public static String deadLetterOf(String topic, String consumerGroup) {
		return topic + "." + consumerGroup + ".dlt";
	}

}
