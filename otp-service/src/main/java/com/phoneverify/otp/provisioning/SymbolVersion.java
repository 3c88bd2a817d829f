package com.phoneverify.otp.provisioning;

/**
 * The size and error correction structure of the versions 1 to 40 (a version-v symbol is
 * 17 + 4v modules wide).
 */
final class SymbolVersion {

	static final int MIN = 1;

	static final int MAX = 40;

	/**
	 * Error correction codewords per block, by level then version (index 0 unused). From
	 * ISO/IEC 18004:2015 §7.5.1, Table 9 "Error correction characteristics for QR Code":
	 * every block of one version and level carries the same number of them.
	 */
	private static final int[][] ECC_CODEWORDS_PER_BLOCK = {
			// L
			{ 0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28,
					30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
			// M
			{ 0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
					28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28 },
			// Q
			{ 0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
					30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
			// H
			{ 0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
					30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 } };

	/**
	 * Error correction blocks, by level then version (index 0 unused): ISO/IEC 18004:2015
	 * Table 9 again, the two block sizes of a row summed.
	 */
	private static final int[][] BLOCKS = {
			// L
			{ 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16,
					17, 18, 19, 19, 20, 21, 22, 24, 25 },
			// M
			{ 0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28,
					29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49 },
			// Q
			{ 0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35,
					38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68 },
			// H
			{ 0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42,
					45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81 } };

	/**
	 * Row and column coordinates of the alignment pattern centres, by version (index 0
	 * unused): ISO/IEC 18004:2015 Annex E, Table E.1. Every combination is a centre
	 * except the three that fall on a finder pattern.
	 */
	private static final int[][] ALIGNMENT_CENTRES = { {}, {}, { 6, 18 }, { 6, 22 }, { 6, 26 }, { 6, 30 }, { 6, 34 },
			{ 6, 22, 38 }, { 6, 24, 42 }, { 6, 26, 46 }, { 6, 28, 50 }, { 6, 30, 54 }, { 6, 32, 58 }, { 6, 34, 62 },
			{ 6, 26, 46, 66 }, { 6, 26, 48, 70 }, { 6, 26, 50, 74 }, { 6, 30, 54, 78 }, { 6, 30, 56, 82 },
			{ 6, 30, 58, 86 }, { 6, 34, 62, 90 }, { 6, 28, 50, 72, 94 }, { 6, 26, 50, 74, 98 }, { 6, 30, 54, 78, 102 },
			{ 6, 28, 54, 80, 106 }, { 6, 32, 58, 84, 110 }, { 6, 30, 58, 86, 114 }, { 6, 34, 62, 90, 118 },
			{ 6, 26, 50, 74, 98, 122 }, { 6, 30, 54, 78, 102, 126 }, { 6, 26, 52, 78, 104, 130 },
			{ 6, 30, 56, 82, 108, 134 }, { 6, 34, 60, 86, 112, 138 }, { 6, 30, 58, 86, 114, 142 },
			{ 6, 34, 62, 90, 118, 146 }, { 6, 30, 54, 78, 102, 126, 150 }, { 6, 24, 50, 76, 102, 128, 154 },
			{ 6, 28, 54, 80, 106, 132, 158 }, { 6, 32, 58, 84, 110, 136, 162 }, { 6, 26, 54, 82, 110, 138, 166 },
			{ 6, 30, 58, 86, 114, 142, 170 } };

	private SymbolVersion() {
	}

	static int size(int version) {
		return 17 + 4 * version;
	}

	static int[] alignmentCentres(int version) {
		return ALIGNMENT_CENTRES[version].clone();
	}

	static int blocks(int version, ErrorCorrectionLevel level) {
		return BLOCKS[level.ordinal()][version];
	}

	static int eccCodewordsPerBlock(int version, ErrorCorrectionLevel level) {
		return ECC_CODEWORDS_PER_BLOCK[level.ordinal()][version];
	}

	/**
	 * All codewords of the symbol, data and error correction (ISO/IEC 18004:2015 Table
	 * 1): the modules left after the function patterns, format and version information,
	 * divided by 8 (the remainder bits stay empty).
	 */
	static int totalCodewords(int version) {
		int size = size(version);
		int modules = size * size;
		modules -= 3 * 8 * 8; // finder patterns with their separators
		modules -= 2 * (size - 16); // timing patterns between the separators
		modules -= 2 * 15 + 1; // format information twice, and the dark module
		int centres = ALIGNMENT_CENTRES[version].length;
		if (centres > 0) {
			int alignments = centres * centres - 3;
			modules -= alignments * 25;
			// the alignment patterns on row and column 6 overlap the timing patterns
			modules += 2 * (centres - 2) * 5;
		}
		if (version >= 7) {
			modules -= 2 * 18; // version information twice
		}
		return modules / 8;
	}

	static int dataCodewords(int version, ErrorCorrectionLevel level) {
		return totalCodewords(version) - blocks(version, level) * eccCodewordsPerBlock(version, level);
	}

	/**
	 * Width of the character count indicator in byte mode (ISO/IEC 18004:2015 §7.4.1,
	 * Table 3).
	 */
	static int byteCountBits(int version) {
		return (version <= 9) ? 8 : 16;
	}

}
