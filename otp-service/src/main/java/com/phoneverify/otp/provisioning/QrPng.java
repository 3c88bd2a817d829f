package com.phoneverify.otp.provisioning;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/**
 * Renders a {@link QrCode} as a 1-bit grayscale PNG with the JDK's image I/O: dark
 * modules black, a light quiet zone of 4 modules around (ISO/IEC 18004:2015 §6.3.8), each
 * module a square of pixels.
 */
public final class QrPng {

	/** The quiet zone the standard requires around the symbol, in modules. */
	public static final int QUIET_ZONE = 4;

	/** Pixels per module by default: a version-10 symbol becomes 390 px wide. */
	public static final int DEFAULT_SCALE = 6;

	private static final String DATA_URI_PREFIX = "data:image/png;base64,";

	private QrPng() {
	}

	/**
	 * @param code the symbol
	 * @param scale pixels per module, 1 or more
	 * @return the PNG file's bytes
	 */
	public static byte[] png(QrCode code, int scale) {
		if (scale < 1) {
			throw new IllegalArgumentException("scale must be 1 or more pixels per module, was " + scale);
		}
		int width = (code.size() + 2 * QUIET_ZONE) * scale;
		// TYPE_BYTE_BINARY is a two-colour palette image: ImageIO writes it as a 1-bit
		// PNG
		BufferedImage image = new BufferedImage(width, width, BufferedImage.TYPE_BYTE_BINARY);
		int white = 0xFFFFFF;
		for (int y = 0; y < width; y++) {
			for (int x = 0; x < width; x++) {
				int row = y / scale - QUIET_ZONE;
				int column = x / scale - QUIET_ZONE;
				boolean dark = row >= 0 && row < code.size() && column >= 0 && column < code.size()
						&& code.isDark(row, column);
				image.setRGB(x, y, dark ? 0 : white);
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, "png", png)) {
				throw new IllegalStateException("This JDK's image I/O has no PNG writer");
			}
		}
		catch (IOException ex) {
			// a ByteArrayOutputStream does not fail; the signature says it might
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

	/**
	 * @param code the symbol
	 * @return {@code data:image/png;base64,…} of its PNG at the {@link #DEFAULT_SCALE},
	 * which a browser shows as an image and JSON carries as a string
	 */
	public static String dataUri(QrCode code) {
		return DATA_URI_PREFIX + Base64.getEncoder().encodeToString(png(code, DEFAULT_SCALE));
	}

}
