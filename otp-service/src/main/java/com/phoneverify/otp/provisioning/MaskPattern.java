package com.phoneverify.otp.provisioning;

/**
 * The eight data mask patterns of ISO/IEC 18004:2015 §7.8.2, Table 10: a module of the
 * encoding region is inverted where the condition holds ({@code i} the row, {@code j} the
 * column).
 */
enum MaskPattern {

	/** (i + j) mod 2 = 0. */
	M000 {
		@Override
		boolean inverts(int i, int j) {
			return (i + j) % 2 == 0;
		}
	},

	/** i mod 2 = 0. */
	M001 {
		@Override
		boolean inverts(int i, int j) {
			return i % 2 == 0;
		}
	},

	/** j mod 3 = 0. */
	M010 {
		@Override
		boolean inverts(int i, int j) {
			return j % 3 == 0;
		}
	},

	/** (i + j) mod 3 = 0. */
	M011 {
		@Override
		boolean inverts(int i, int j) {
			return (i + j) % 3 == 0;
		}
	},

	/** ((i div 2) + (j div 3)) mod 2 = 0. */
	M100 {
		@Override
		boolean inverts(int i, int j) {
			return (i / 2 + j / 3) % 2 == 0;
		}
	},

	/** (i j) mod 2 + (i j) mod 3 = 0. */
	M101 {
		@Override
		boolean inverts(int i, int j) {
			return (i * j) % 2 + (i * j) % 3 == 0;
		}
	},

	/** ((i j) mod 2 + (i j) mod 3) mod 2 = 0. */
	M110 {
		@Override
		boolean inverts(int i, int j) {
			return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
		}
	},

	/** ((i + j) mod 2 + (i j) mod 3) mod 2 = 0. */
	M111 {
		@Override
		boolean inverts(int i, int j) {
			return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
		}
	};

	abstract boolean inverts(int row, int column);

	/**
	 * @return the 3-bit mask reference written in the format information
	 */
	int reference() {
		return ordinal();
	}

}
