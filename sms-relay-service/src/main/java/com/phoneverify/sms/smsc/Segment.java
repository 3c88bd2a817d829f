package com.phoneverify.sms.smsc;

/**
 * One submit_sm worth of a message.
 *
 * @param dataCoding SMPP data_coding (0x08 UCS-2, 0x0E KS C 5601, …)
 * @param userData the bytes, with the UDH first when {@code udhi}
 * @param udhi whether {@code userData} starts with a User Data Header
 * @param payload whether the bytes go in {@code message_payload} instead of
 * {@code short_message}
 */
public record Segment(byte dataCoding, byte[] userData, boolean udhi, boolean payload) {
}
