package com.phoneverify.simulators.smsc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes and encodes short message bytes by SMPP 3.4 {@code data_coding} (§5.2.19): 0
 * SMSC default (GSM 03.38, unpacked, basic set only), 1 IA5 (ASCII), 3 Latin-1, 8 UCS-2,
 * 0x0E KS C 5601 (EUC-KR, as Korean SMSCs use it). Undecodable bytes become U+FFFD: a
 * handset shows garbage, it does not crash.
 */
public final class ShortMessageText {

	/** SMPP 3.4 data_coding values this SMSC knows. */
	public static final byte DEFAULT = 0x00;

	public static final byte IA5 = 0x01;

	public static final byte LATIN1 = 0x03;

	public static final byte BINARY = 0x04;

	public static final byte UCS2 = 0x08;

	public static final byte KSC5601 = 0x0E;

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	// GSM 03.38 basic character set, index = septet value
	private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private ShortMessageText() {
	}

	public static String decode(byte[] bytes, byte dataCoding) {
		int coding = dataCoding & 0xFF;
		if (coding == UCS2) {
			return lenient(StandardCharsets.UTF_16BE, bytes);
		}
		if (coding == KSC5601) {
			return lenient(EUC_KR, bytes);
		}
		if (coding == LATIN1) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
		if (coding == IA5) {
			return lenient(StandardCharsets.US_ASCII, bytes);
		}
		if (coding == DEFAULT) {
			StringBuilder text = new StringBuilder(bytes.length);
			for (byte b : bytes) {
				int septet = b & 0xFF;
				text.append((septet < GSM.length()) ? GSM.charAt(septet) : '\uFFFD');
			}
			return text.toString();
		}
		// binary or a coding we do not know: show the bytes, never guess
		StringBuilder hex = new StringBuilder(bytes.length * 2);
		for (byte b : bytes) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}

	/** Encodes a handset's reply: EUC-KR when every character has one, else UCS-2. */
	public static Encoded encodeForHandset(String text) {
		if (EUC_KR.newEncoder().canEncode(text)) {
			return new Encoded(KSC5601, text.getBytes(EUC_KR));
		}
		return new Encoded(UCS2, text.getBytes(StandardCharsets.UTF_16BE));
	}

	private static String lenient(Charset charset, byte[] bytes) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			// not thrown with REPLACE
			throw new IllegalStateException(ex);
		}
	}

	/** Bytes and the data_coding that says how to read them. */
	public record Encoded(byte dataCoding, byte[] bytes) {
	}

}
