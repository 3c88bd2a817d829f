package com.phoneverify.sms.settings;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the SMS relay (prefix {@code sms}).
 *
 * @param smsc the SMSC we bind to and how we talk to it
 * @param intake how {@code sms-outbound} is consumed
 * @param dispatch how queued messages are claimed and retried
 * @param senderNumbers sender numbers registered at start-up (발신번호 사전등록); a request from
 * any other number is refused. Default none
 * @param twoWayNumber the 2-WAY service number: an MO written to it that answers an
 * outstanding consent request becomes {@code consent-replied}; default none (every MO is
 * {@code sms-inbound})
 * @param limits per-recipient limits against SMS pumping
 * @param inbound mobile-originated messages
 * @param sealing the events key ring: opens {@code sms-outbound}'s number and text, seals
 * what we publish
 */
@ConfigurationProperties("sms")
public record SmsProperties(@DefaultValue Smsc smsc, @DefaultValue Intake intake, @DefaultValue Dispatch dispatch,
		@DefaultValue List<String> senderNumbers, @Nullable String twoWayNumber, @DefaultValue Limits limits,
		@DefaultValue Inbound inbound, @DefaultValue Sealing sealing) {

	/** How a message longer than one SMS is sent. */
	public enum LongMessageMode {

		/** UCS-2 segments of 67 characters, each with a concatenation UDH (IEI 0x00). */
		UDH,
		/** One submit_sm with the whole text in the {@code message_payload} TLV. */
		PAYLOAD

	}

	/**
	 * @param host the SMSC's address; default {@code 127.0.0.1}
	 * @param port its SMPP port; default 2775
	 * @param systemId our system_id; default {@code sms-relay}
	 * @param password our password; default empty
	 * @param systemType our system_type; default empty
	 * @param bindTimeout how long a bind may take; default 10 s
	 * @param enquireLinkInterval idle time before we send enquire_link; default 30 s
	 * @param responseTimeout how long we wait for any response (submit_sm_resp); default
	 * 10 s
	 * @param reconnectMin the first wait before binding again after a drop; default 1 s
	 * @param reconnectMax the longest wait between bind attempts (doubling); default 30 s
	 * @param window submit_sm outstanding at once (without their response); default 10
	 * @param maxRate submit_sm per second at most (each part counts); default 200
	 * @param minRate the rate throttling errors may slow us down to; default 5
	 * @param throttlePause how long every submit waits after ESME_RTHROTTLED or
	 * ESME_RMSGQFUL; default 500 ms
	 * @param longMessage how an LMS is sent to this SMSC; default {@code udh}
	 * @param koreanDataCoding the data_coding of EUC-KR (KS C 5601) text; default 14
	 * (0x0E, as Korean SMSCs read it)
	 * @param receiverThreads deliver_sm (receipts, MOs) handled at once; default 4
	 */
	public record Smsc(@DefaultValue("127.0.0.1") String host, @DefaultValue("2775") int port,
			@DefaultValue("sms-relay") String systemId, @DefaultValue("") String password,
			@DefaultValue("") String systemType, @DefaultValue("10s") Duration bindTimeout,
			@DefaultValue("30s") Duration enquireLinkInterval, @DefaultValue("10s") Duration responseTimeout,
			@DefaultValue("1s") Duration reconnectMin, @DefaultValue("30s") Duration reconnectMax,
			@DefaultValue("10") int window, @DefaultValue("200") double maxRate, @DefaultValue("5") double minRate,
			@DefaultValue("500ms") Duration throttlePause, @DefaultValue("udh") LongMessageMode longMessage,
			@DefaultValue("14") int koreanDataCoding, @DefaultValue("4") int receiverThreads) {
	}

	/**
	 * @param concurrency Kafka consumers of {@code sms-outbound} in this instance (each
	 * takes some partitions); default 3, the topic's partitions
	 * @param maxPollRecords requests stored per transaction at most; default 100
	 */
	public record Intake(@DefaultValue("3") int concurrency, @DefaultValue("100") int maxPollRecords) {
	}

	/**
	 * @param batchSize messages claimed at most per query; default 200
	 * @param pollInterval how often queued messages are looked for when nothing wakes the
	 * dispatcher; default 250 ms
	 * @param claimTimeout a message claimed longer ago than this and not finished is
	 * queued again even while its dispatcher holds its lease (a backstop for one that is
	 * stuck); a claim older than a quarter of this is not submitted; default 2 min
	 * @param retryBackoff the wait before a message is tried again after the link failed;
	 * default 1 s
	 * @param unmatchedReceiptRetention a delivery receipt whose SMSC message id we never
	 * recorded is kept this long, for a submit whose answer is being recorded; then it is
	 * deleted (the submit's answer was lost when an instance died, or the receipt is not
	 * for a message of ours); default 1 day
	 * @param lease a running dispatcher renews its lease every third of this; the claims
	 * of one whose lease lapsed (the instance died, or lost the database) are queued
	 * again by any instance within half of this more, long before the claim timeout; a
	 * dispatcher starts no submit with less than half of its lease left; default 30 s
	 * @param maxHandedOver messages the intake may store already claimed by its own
	 * dispatcher and hand to it in memory, waiting to be sent, at most (fewer when the
	 * dispatcher sends slowly: about five seconds' worth at the rate it sends); the rest
	 * wait in the queue and are claimed one query at a time. Each one handed over needs
	 * no claim (an update of its row); default 5000
	 */
	public record Dispatch(@DefaultValue("200") int batchSize, @DefaultValue("250ms") Duration pollInterval,
			@DefaultValue("2m") Duration claimTimeout, @DefaultValue("1s") Duration retryBackoff,
			@DefaultValue("1d") Duration unmatchedReceiptRetention, @DefaultValue("30s") Duration lease,
			@DefaultValue("5000") int maxHandedOver) {
	}

	/**
	 * @param perHour messages to one recipient per rolling hour; default 10
	 * @param perDay messages to one recipient per rolling day; default 30
	 */
	public record Limits(@DefaultValue("10") int perHour, @DefaultValue("30") int perDay) {
	}

	/**
	 * @param replyWindow how long after a consent request a reply from its recipient is
	 * matched to it; default 30 min (transfer-consent-service applies its own expiry)
	 * @param duplicateWindow an MO identical to one received less than this ago (same
	 * source, destination, coding and bytes) is a redelivery and relayed once; default 10
	 * min
	 * @param maxTextLength characters of an MO kept; longer ones are cut; default 2000
	 */
	public record Inbound(@DefaultValue("30m") Duration replyWindow, @DefaultValue("10m") Duration duplicateWindow,
			@DefaultValue("2000") int maxTextLength) {
	}

	/**
	 * @param keys key id to Base64 of 32 bytes (AES-256-GCM); no default
	 * @param currentKeyId the key new values are sealed with; no default
	 * @param lookupKeyId the key the recipient lookup HMAC is derived from (keep it in
	 * the ring across rotations); default the current key
	 */
	public record Sealing(@DefaultValue Map<String, String> keys, @Nullable String currentKeyId,
			@Nullable String lookupKeyId) {
	}

}
