package com.phoneverify.simulators.smsc;

import java.time.Instant;

/**
 * One message as a virtual handset received it.
 *
 * @param smscMessageIds the ids the SMSC gave each submit_sm of it (one per part)
 * @param from the source address of the submit_sm (the sender number)
 * @param to the handset's number, as addressed
 * @param text the reassembled text, decoded by its data_coding
 * @param dataCoding the data_coding of the (first) part
 * @param parts how many submit_sm carried it (1 unless concatenated)
 * @param viaPayload whether the text came in the message_payload TLV
 */
public record HandsetMessage(java.util.List<String> smscMessageIds, String from, String to, String text, int dataCoding,
		int parts, boolean viaPayload, Instant receivedAt) {
}
