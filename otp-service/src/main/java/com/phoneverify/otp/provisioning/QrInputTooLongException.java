package com.phoneverify.otp.provisioning;

/**
 * The input does not fit even the largest QR code (version 40) at the requested error
 * correction level.
 */
public class QrInputTooLongException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	QrInputTooLongException(int bytes, ErrorCorrectionLevel level, int maximum) {
		super("A QR code at error correction level " + level + " holds at most " + maximum
				+ " bytes in byte mode (version " + SymbolVersion.MAX + "); the input has " + bytes + " bytes");
	}

}
