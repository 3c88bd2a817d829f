package com.phoneverify.otp.provisioning;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Version choice, refusal of input too long, and the PNG rendering.
 */
class QrCodeTests {

	@Test
	void choosesTheSmallestVersionThatHoldsTheInput() {
		// byte mode at M: version 1 holds 14 bytes, version 2 holds 26 (ISO/IEC 18004
		// Table 7)
		assertThat(QrCode.encode("x".repeat(14), ErrorCorrectionLevel.M).version()).isEqualTo(1);
		assertThat(QrCode.encode("x".repeat(15), ErrorCorrectionLevel.M).version()).isEqualTo(2);
		assertThat(QrCode.encode("x".repeat(26), ErrorCorrectionLevel.M).version()).isEqualTo(2);
		assertThat(QrCode.encode("x".repeat(17), ErrorCorrectionLevel.L).version()).isEqualTo(1);
		assertThat(QrCode.encode("x".repeat(7), ErrorCorrectionLevel.H).version()).isEqualTo(1);
		assertThat(QrCode.encode("x".repeat(8), ErrorCorrectionLevel.H).version()).isEqualTo(2);
		assertThat(QrCode.encode("x".repeat(15), ErrorCorrectionLevel.M).size()).isEqualTo(25);
	}

	@Test
	void holdsTheLargestInputOfVersion40() {
		// Table 7: 40-L holds 2953 bytes, 40-H 1273
		assertThat(QrCode.encode(new byte[2953], ErrorCorrectionLevel.L).version()).isEqualTo(40);
		assertThat(QrCode.encode(new byte[1273], ErrorCorrectionLevel.H).size()).isEqualTo(177);
	}

	@Test
	void refusesInputTooLongWithTheLimit() {
		assertThatExceptionOfType(QrInputTooLongException.class)
			.isThrownBy(() -> QrCode.encode(new byte[2332], ErrorCorrectionLevel.M))
			.withMessage("A QR code at error correction level M holds at most 2331 bytes in byte mode (version 40); "
					+ "the input has 2332 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> QrCode.encode(new byte[1274], ErrorCorrectionLevel.H));
	}

	@Test
	void saysNothingOfItsContent() {
		assertThat(QrCode.encode("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", ErrorCorrectionLevel.M))
			.hasToString("QrCode[version=3, level=M, mask=%d]"
				.formatted(QrCode.encode("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", ErrorCorrectionLevel.M).mask()))
			.asString()
			.doesNotContain("JBSW");
	}

	@Test
	void pngHasTheQuietZoneAndScaledModules() throws IOException {
		QrCode code = QrCode.encode("HELLO", ErrorCorrectionLevel.M);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrPng.png(code, 3)));
		assertThat(image.getWidth()).isEqualTo((21 + 8) * 3).isEqualTo(image.getHeight());
		assertThat(image.getColorModel().getPixelSize()).isEqualTo(1);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int row = y / 3 - 4;
				int column = x / 3 - 4;
				boolean inSymbol = row >= 0 && row < 21 && column >= 0 && column < 21;
				boolean dark = (image.getRGB(x, y) & 0xFFFFFF) == 0;
				assertThat(dark).as("pixel (%d,%d)", x, y).isEqualTo(inSymbol && code.isDark(row, column));
			}
		}
	}

	@Test
	void dataUriIsABase64Png() {
		String uri = QrPng.dataUri(QrCode.encode("HELLO", ErrorCorrectionLevel.M));
		assertThat(uri).startsWith("data:image/png;base64,");
		byte[] png = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
		assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
	}

}
