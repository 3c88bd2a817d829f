package com.phoneverify.otp.provisioning;

import java.util.Arrays;

/**
 * The codeword sequence of a symbol: the byte-mode segment padded to the version's
 * capacity, split into blocks, each block followed by its Reed-Solomon codewords, and
 * both interleaved as ISO/IEC 18004:2015 §7.6 lays them out.
 */
final class Codewords {

	/** Mode indicator of byte mode (ISO/IEC 18004:2015 Table 2). */
	private static final int BYTE_MODE = 0b0100;

	private static final int MODE_BITS = 4;

	/** Pad codewords, alternating (ISO/IEC 18004:2015 §7.4.10). */
	private static final int[] PAD = { 0xEC, 0x11 };

	private Codewords() {
	}

	/**
	 * The smallest version whose data capacity at {@code level} holds {@code bytes}
	 * bytes.
	 * @throws QrInputTooLongException when not even version 40 holds them
	 */
	static int smallestVersion(int bytes, ErrorCorrectionLevel level) {
		for (int version = SymbolVersion.MIN; version <= SymbolVersion.MAX; version++) {
			if (bitsNeeded(bytes, version) <= SymbolVersion.dataCodewords(version, level) * 8) {
				return version;
			}
		}
		int maximum = (SymbolVersion.dataCodewords(SymbolVersion.MAX, level) * 8 - MODE_BITS
				- SymbolVersion.byteCountBits(SymbolVersion.MAX)) / 8;
		throw new QrInputTooLongException(bytes, level, maximum);
	}

	private static int bitsNeeded(int bytes, int version) {
		return MODE_BITS + SymbolVersion.byteCountBits(version) + 8 * bytes;
	}

	/**
	 * @return data and error correction codewords in placement order
	 */
	static byte[] of(byte[] data, int version, ErrorCorrectionLevel level) {
		return interleave(dataCodewords(data, version, level), version, level);
	}

	/**
	 * ISO/IEC 18004:2015 §7.4: mode, count, data, terminator, zero bits, pad codewords.
	 */
	static byte[] dataCodewords(byte[] data, int version, ErrorCorrectionLevel level) {
		int capacityBits = SymbolVersion.dataCodewords(version, level) * 8;
		BitBuffer bits = new BitBuffer();
		bits.append(BYTE_MODE, MODE_BITS);
		bits.append(data.length, SymbolVersion.byteCountBits(version));
		for (byte value : data) {
			bits.append(value & 0xFF, 8);
		}
		// the terminator is four zero bits, or fewer where the capacity ends first
		bits.append(0, Math.min(4, capacityBits - bits.length()));
		bits.append(0, (8 - bits.length() % 8) % 8);
		for (int pad = 0; bits.length() < capacityBits; pad++) {
			bits.append(PAD[pad % 2], 8);
		}
		return bits.toBytes();
	}

	/**
	 * ISO/IEC 18004:2015 §7.6: the blocks' data codewords column by column (the shorter
	 * blocks come first and lack the last column), then their error correction codewords
	 * the same way.
	 */
	private static byte[] interleave(byte[] data, int version, ErrorCorrectionLevel level) {
		int blocks = SymbolVersion.blocks(version, level);
		int eccLength = SymbolVersion.eccCodewordsPerBlock(version, level);
		int total = SymbolVersion.totalCodewords(version);
		int longBlocks = total % blocks;
		int shortDataLength = total / blocks - eccLength;
		byte[][] dataBlocks = new byte[blocks][];
		byte[][] eccBlocks = new byte[blocks][];
		int offset = 0;
		for (int block = 0; block < blocks; block++) {
			int length = shortDataLength + ((block >= blocks - longBlocks) ? 1 : 0);
			dataBlocks[block] = Arrays.copyOfRange(data, offset, offset + length);
			eccBlocks[block] = ReedSolomon.errorCorrection(dataBlocks[block], eccLength);
			offset += length;
		}
		byte[] result = new byte[total];
		int next = 0;
		for (int column = 0; column <= shortDataLength; column++) {
			for (byte[] block : dataBlocks) {
				if (column < block.length) {
					result[next++] = block[column];
				}
			}
		}
		for (int column = 0; column < eccLength; column++) {
			for (byte[] block : eccBlocks) {
				result[next++] = block[column];
			}
		}
		return result;
	}

}
