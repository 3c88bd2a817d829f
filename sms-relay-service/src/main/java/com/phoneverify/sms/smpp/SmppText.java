package com.phoneverify.sms.smpp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads deliver_sm text by its data_coding (SMPP 3.4 §5.2.19). Bytes that do not decode
 * become U+FFFD: a reply in a wrong encoding reaches the consent service as garbage it
 * refuses, it never breaks the relay.
 */
final class SmppText {

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	// GSM 03.38 basic character set, index = septet value (unpacked, as SMPP carries it)
	private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private SmppText() {
	}

	static String decode(byte[] bytes, byte dataCoding) {
		int coding = dataCoding & 0xFF;
		if (coding == 0x08) {
			return lenient(StandardCharsets.UTF_16BE, bytes);
		}
		if (coding == 0x0E) {
			return lenient(EUC_KR, bytes);
		}
		if (coding == 0x03) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
		if (coding == 0x01) {
			return lenient(StandardCharsets.US_ASCII, bytes);
		}
		if (coding == 0x00) {
			StringBuilder text = new StringBuilder(bytes.length);
			for (byte b : bytes) {
				int septet = b & 0xFF;
				text.append((septet < GSM.length()) ? GSM.charAt(septet) : '\uFFFD');
			}
			return text.toString();
		}
		// binary or unknown: readable as UTF-8 at best
		return lenient(StandardCharsets.UTF_8, bytes);
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
			throw new IllegalStateException(ex);
		}
	}

}
