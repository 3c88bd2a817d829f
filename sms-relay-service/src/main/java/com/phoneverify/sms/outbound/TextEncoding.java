package com.phoneverify.sms.outbound;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.sms.smsc.Segment;

/**
 * Turns a text into submit_sm parts. Korean rule: an SMS when the text fits 90 bytes in
 * EUC-KR; otherwise an LMS, sent either as UCS-2 segments with a concatenation UDH (3GPP
 * TS 23.040 §9.2.3.24.1) or whole in {@code message_payload}, as the SMSC prefers. Text
 * EUC-KR cannot carry (emoji, most non-Korean scripts) goes as UCS-2.
 */
public final class TextEncoding {

	/** The Korean SMS limit, in EUC-KR bytes. */
	static final int SMS_BYTES = 90;

	/** The LMS limit, in EUC-KR bytes (carriers' 2,000-byte LMS). */
	static final int LMS_BYTES = 2000;

	static final byte UCS2 = 0x08;

	/** UCS-2 code units in one segment: (140 - 6 bytes of UDH) / 2. */
	static final int UNITS_PER_SEGMENT = 67;

	/** UCS-2 code units in one unconcatenated SMS: 140 / 2. */
	static final int UNITS_PER_SMS = 70;

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	private final byte koreanDataCoding;

	private final boolean payloadForLong;

	/**
	 * @param koreanDataCoding the data_coding the SMSC reads EUC-KR with (0x0E)
	 * @param payloadForLong whether an LMS goes whole in {@code message_payload}
	 * (otherwise as concatenated UCS-2 segments)
	 */
	public TextEncoding(byte koreanDataCoding, boolean payloadForLong) {
		this.koreanDataCoding = koreanDataCoding;
		this.payloadForLong = payloadForLong;
	}

	/** The parts of a message, or why it cannot be sent. */
	public sealed interface Encoded {

	}

	/**
	 * @param kind SMS or LMS, by the rule above
	 */
	public record Parts(SmsKind kind, List<Segment> segments) implements Encoded {
	}

	/** Longer than an LMS may be. */
	public record TooLong(int bytes) implements Encoded {
	}

	/**
	 * @param reference the concatenation reference of this message's segments (the same
	 * on every attempt, so that a handset merges a part sent twice)
	 */
	public Encoded encode(String text, int reference) {
		boolean korean = EUC_KR.newEncoder().canEncode(text);
		if (korean) {
			byte[] bytes = text.getBytes(EUC_KR);
			if (bytes.length <= SMS_BYTES) {
				return new Parts(SmsKind.SMS, List.of(new Segment(this.koreanDataCoding, bytes, false, false)));
			}
			if (bytes.length > LMS_BYTES) {
				return new TooLong(bytes.length);
			}
			if (this.payloadForLong) {
				return new Parts(SmsKind.LMS, List.of(new Segment(this.koreanDataCoding, bytes, false, true)));
			}
		}
		else if (text.length() <= UNITS_PER_SMS) {
			return new Parts(SmsKind.SMS,
					List.of(new Segment(UCS2, text.getBytes(StandardCharsets.UTF_16BE), false, false)));
		}
		byte[] ucs2 = text.getBytes(StandardCharsets.UTF_16BE);
		if (ucs2.length > LMS_BYTES * 2) {
			return new TooLong(ucs2.length);
		}
		if (this.payloadForLong) {
			return new Parts(SmsKind.LMS, List.of(new Segment(UCS2, ucs2, false, true)));
		}
		return new Parts(SmsKind.LMS, concatenated(text, reference));
	}

	private static List<Segment> concatenated(String text, int reference) {
		List<String> pieces = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = Math.min(text.length(), start + UNITS_PER_SEGMENT);
			// never split a surrogate pair (an emoji) across two segments
			if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			pieces.add(text.substring(start, end));
			start = end;
		}
		List<Segment> segments = new ArrayList<>(pieces.size());
		for (int i = 0; i < pieces.size(); i++) {
			byte[] body = pieces.get(i).getBytes(StandardCharsets.UTF_16BE);
			byte[] data = new byte[6 + body.length];
			data[0] = 5; // UDHL
			data[1] = 0x00; // IEI: concatenated short messages, 8-bit reference
			data[2] = 3; // IEDL
			data[3] = (byte) reference;
			data[4] = (byte) pieces.size();
			data[5] = (byte) (i + 1);
			System.arraycopy(body, 0, data, 6, body.length);
			segments.add(new Segment(UCS2, data, true, false));
		}
		return segments;
	}

}
