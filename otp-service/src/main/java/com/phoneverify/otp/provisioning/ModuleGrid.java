package com.phoneverify.otp.provisioning;

/**
 * The symbol while it is being built: which modules are dark, and which belong to a
 * function pattern (and so are neither data nor masked). Mutable; {@link QrCode} keeps
 * the finished, immutable result.
 */
final class ModuleGrid {

	private final int version;

	private final int size;

	private final boolean[][] dark;

	private final boolean[][] function;

	private ModuleGrid(int version, boolean[][] dark, boolean[][] function) {
		this.version = version;
		this.size = dark.length;
		this.dark = dark;
		this.function = function;
	}

	/**
	 * A grid of {@code version} with the function patterns drawn, the format information
	 * area reserved, and the codewords placed, unmasked.
	 */
	static ModuleGrid unmasked(int version, byte[] codewords) {
		int size = SymbolVersion.size(version);
		ModuleGrid grid = new ModuleGrid(version, new boolean[size][size], new boolean[size][size]);
		grid.drawFunctionPatterns();
		grid.placeCodewords(codewords);
		return grid;
	}

	/**
	 * @return a copy with {@code mask} applied to the encoding region and the format
	 * information of {@code level} and {@code mask} written
	 */
	ModuleGrid masked(MaskPattern mask, ErrorCorrectionLevel level) {
		ModuleGrid copy = new ModuleGrid(this.version, deepCopy(this.dark), deepCopy(this.function));
		for (int row = 0; row < this.size; row++) {
			for (int column = 0; column < this.size; column++) {
				if (!this.function[row][column] && mask.inverts(row, column)) {
					copy.dark[row][column] = !copy.dark[row][column];
				}
			}
		}
		copy.drawFormatInformation(FormatInformation.formatBits(level, mask.reference()));
		return copy;
	}

	boolean[][] modules() {
		return deepCopy(this.dark);
	}

	private void drawFunctionPatterns() {
		// ISO/IEC 18004:2015 §6.3.6: timing patterns on row and column 6
		for (int i = 0; i < this.size; i++) {
			setFunction(6, i, i % 2 == 0);
			setFunction(i, 6, i % 2 == 0);
		}
		drawFinderPattern(3, 3);
		drawFinderPattern(3, this.size - 4);
		drawFinderPattern(this.size - 4, 3);
		drawAlignmentPatterns();
		// reserve the format area now; the real bits are written per mask
		drawFormatInformation(0);
		drawVersionInformation();
	}

	/** §6.3.3: 7x7 concentric squares, with the one-module light separator around. */
	private void drawFinderPattern(int centreRow, int centreColumn) {
		for (int dr = -4; dr <= 4; dr++) {
			for (int dc = -4; dc <= 4; dc++) {
				int row = centreRow + dr;
				int column = centreColumn + dc;
				if (row >= 0 && row < this.size && column >= 0 && column < this.size) {
					int ring = Math.max(Math.abs(dr), Math.abs(dc));
					setFunction(row, column, ring != 2 && ring != 4);
				}
			}
		}
	}

	/** §6.3.5: 5x5 squares at every combination of centres but the finder corners. */
	private void drawAlignmentPatterns() {
		int[] centres = SymbolVersion.alignmentCentres(this.version);
		int last = centres.length - 1;
		for (int i = 0; i < centres.length; i++) {
			for (int j = 0; j < centres.length; j++) {
				boolean onFinder = (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0);
				if (!onFinder) {
					for (int dr = -2; dr <= 2; dr++) {
						for (int dc = -2; dc <= 2; dc++) {
							setFunction(centres[i] + dr, centres[j] + dc, Math.max(Math.abs(dr), Math.abs(dc)) != 1);
						}
					}
				}
			}
		}
	}

	/**
	 * §7.9.1, Figure 25: bits 0 to 7 and 8 to 14 each written twice, around the top-left
	 * finder and split between the other two, plus the always dark module.
	 */
	private void drawFormatInformation(int bits) {
		for (int i = 0; i <= 5; i++) {
			setFunction(i, 8, bit(bits, i));
		}
		setFunction(7, 8, bit(bits, 6));
		setFunction(8, 8, bit(bits, 7));
		setFunction(8, 7, bit(bits, 8));
		for (int i = 9; i < 15; i++) {
			setFunction(8, 14 - i, bit(bits, i));
		}
		for (int i = 0; i < 8; i++) {
			setFunction(8, this.size - 1 - i, bit(bits, i));
		}
		for (int i = 8; i < 15; i++) {
			setFunction(this.size - 15 + i, 8, bit(bits, i));
		}
		setFunction(this.size - 8, 8, true);
	}

	/** §7.10, Figure 27: two 6x3 blocks beside the top-right and bottom-left finders. */
	private void drawVersionInformation() {
		if (this.version < 7) {
			return;
		}
		int bits = FormatInformation.versionBits(this.version);
		for (int i = 0; i < 18; i++) {
			int near = i / 3;
			int far = this.size - 11 + i % 3;
			setFunction(near, far, bit(bits, i));
			setFunction(far, near, bit(bits, i));
		}
	}

	/**
	 * §7.7.3, Figure 21: two-module-wide columns from the right, zigzagging up then down,
	 * skipping the vertical timing pattern and every function module. Remainder bits stay
	 * light.
	 */
	private void placeCodewords(byte[] codewords) {
		int next = 0;
		int bits = codewords.length * 8;
		for (int right = this.size - 1; right >= 1; right -= 2) {
			if (right == 6) {
				right = 5;
			}
			boolean upward = ((right + 1) & 2) == 0;
			for (int step = 0; step < this.size; step++) {
				int row = upward ? this.size - 1 - step : step;
				for (int column = right; column >= right - 1; column--) {
					if (!this.function[row][column] && next < bits) {
						this.dark[row][column] = bit(codewords[next >>> 3], 7 - (next & 7));
						next++;
					}
				}
			}
		}
	}

	private void setFunction(int row, int column, boolean isDark) {
		this.dark[row][column] = isDark;
		this.function[row][column] = true;
	}

	private static boolean bit(int value, int index) {
		return ((value >>> index) & 1) != 0;
	}

	private static boolean[][] deepCopy(boolean[][] modules) {
		boolean[][] copy = new boolean[modules.length][];
		for (int row = 0; row < modules.length; row++) {
			copy[row] = modules[row].clone();
		}
		return copy;
	}

}
