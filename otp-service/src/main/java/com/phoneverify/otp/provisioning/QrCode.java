package com.phoneverify.otp.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A QR Code Model 2 symbol (ISO/IEC 18004:2015): an immutable square of dark and light
 * modules, without the quiet zone. Encodes its input in byte mode at the smallest version
 * that holds it, with the mask of the lowest penalty.
 */
public final class QrCode {

	private final int version;

	private final ErrorCorrectionLevel level;

	private final int mask;

	private final boolean[][] modules;

	private QrCode(int version, ErrorCorrectionLevel level, int mask, boolean[][] modules) {
		this.version = version;
		this.level = level;
		this.mask = mask;
		this.modules = modules;
	}

	/**
	 * @param text encoded as UTF-8 bytes (an {@code otpauth://} URI is ASCII)
	 * @param level the error correction level
	 * @return the symbol
	 * @throws QrInputTooLongException when the text does not fit version 40
	 */
	public static QrCode encode(String text, ErrorCorrectionLevel level) {
		return encode(text.getBytes(StandardCharsets.UTF_8), level);
	}

	/**
	 * @param data the bytes to encode in byte mode
	 * @param level the error correction level
	 * @return the symbol
	 * @throws QrInputTooLongException when the data does not fit version 40
	 */
	public static QrCode encode(byte[] data, ErrorCorrectionLevel level) {
		int version = Codewords.smallestVersion(data.length, level);
		ModuleGrid unmasked = ModuleGrid.unmasked(version, Codewords.of(data, version, level));
		// the lowest penalty; on a tie the lower mask reference, as in libqrencode
		Masked best = Arrays.stream(MaskPattern.values())
			.map((mask) -> Masked.of(unmasked, mask, level))
			.min(Comparator.comparingInt(Masked::penalty).thenComparingInt((masked) -> masked.mask().reference()))
			.orElseThrow();
		return new QrCode(version, level, best.mask().reference(), best.modules());
	}

	private record Masked(MaskPattern mask, boolean[][] modules, int penalty) {

		static Masked of(ModuleGrid unmasked, MaskPattern mask, ErrorCorrectionLevel level) {
			boolean[][] modules = unmasked.masked(mask, level).modules();
			return new Masked(mask, modules, Penalty.of(modules));
		}

	}

	/**
	 * @return 1 to 40
	 */
	public int version() {
		return this.version;
	}

	public ErrorCorrectionLevel level() {
		return this.level;
	}

	/**
	 * @return the data mask reference, 0 to 7
	 */
	public int mask() {
		return this.mask;
	}

	/**
	 * @return modules per side, 21 to 177
	 */
	public int size() {
		return this.modules.length;
	}

	/**
	 * @param row 0 at the top
	 * @param column 0 at the left
	 * @return whether that module is dark
	 */
	public boolean isDark(int row, int column) {
		return this.modules[row][column];
	}

	@Override
	public String toString() {
		// the content may be a secret: only the shape
		return "QrCode[version=" + this.version + ", level=" + this.level + ", mask=" + this.mask + "]";
	}

}
