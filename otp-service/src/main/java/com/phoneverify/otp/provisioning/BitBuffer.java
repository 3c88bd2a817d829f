package com.phoneverify.otp.provisioning;

import java.io.ByteArrayOutputStream;

/**
 * An append-only sequence of bits, most significant bit first, that becomes codewords.
 */
final class BitBuffer {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private int current;

	private int length;

	/**
	 * Appends the {@code count} low bits of {@code value}, most significant first.
	 * @param value the bits
	 * @param count how many, 0 to 31
	 */
	void append(int value, int count) {
		if (count < 0 || count > 31 || (value >>> count) != 0) {
			throw new IllegalArgumentException("value " + value + " does not fit " + count + " bits");
		}
		for (int bit = count - 1; bit >= 0; bit--) {
			this.current = (this.current << 1) | ((value >>> bit) & 1);
			this.length++;
			if (this.length % 8 == 0) {
				this.bytes.write(this.current);
				this.current = 0;
			}
		}
	}

	/**
	 * @return how many bits were appended
	 */
	int length() {
		return this.length;
	}

	/**
	 * @return the bits as bytes, the last one padded with zero bits
	 */
	byte[] toBytes() {
		ByteArrayOutputStream result = new ByteArrayOutputStream();
		result.writeBytes(this.bytes.toByteArray());
		int pending = this.length % 8;
		if (pending != 0) {
			result.write(this.current << (8 - pending));
		}
		return result.toByteArray();
	}

}
