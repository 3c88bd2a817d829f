package com.phoneverify.otp.provisioning;

import java.util.ArrayList;
import java.util.List;

/**
 * The mask evaluation of ISO/IEC 18004:2015 §7.8.3, Table 11: the encoder keeps the mask
 * whose symbol scores lowest, so that a reader finds no false finder pattern and no large
 * uniform area. Where the standard leaves room, this follows libqrencode (the reference
 * the interop tests compare with): the area beyond the symbol's edge counts as light (it
 * is the quiet zone), a finder-like pattern counts once even when light on both sides,
 * and the 1:1:3:1:1 pattern may be scaled, its light side then scaled alike.
 */
final class Penalty {

	/** Feature 1: a run of five or more same-colour modules in a row or column. */
	private static final int N1 = 3;

	/** Feature 2: a 2x2 block of one colour. */
	private static final int N2 = 3;

	/** Feature 3: 1:1:3:1:1 dark-light-dark-light-dark with 4 light on a side. */
	private static final int N3 = 40;

	/** Feature 4: per 5 % the dark proportion deviates from 50 %. */
	private static final int N4 = 10;

	private Penalty() {
	}

	static int of(boolean[][] modules) {
		int size = modules.length;
		int score = 0;
		for (int i = 0; i < size; i++) {
			boolean[] column = new boolean[size];
			for (int row = 0; row < size; row++) {
				column[row] = modules[row][i];
			}
			score += lineScore(modules[i]) + lineScore(column);
		}
		return score + blockScore(modules) + balanceScore(modules);
	}

	/** Features 1 and 3 along one row or column. */
	private static int lineScore(boolean[] line) {
		List<Run> runs = runs(line);
		int score = 0;
		for (int i = 0; i < runs.size(); i++) {
			if (runs.get(i).length() >= 5) {
				score += N1 + runs.get(i).length() - 5;
			}
			if (isFinderLike(runs, i)) {
				score += N3;
			}
		}
		return score;
	}

	/** Whether run {@code centre} is the 3 of a 1:1:3:1:1 pattern with light beside. */
	private static boolean isFinderLike(List<Run> runs, int centre) {
		Run middle = runs.get(centre);
		if (!middle.dark() || middle.length() % 3 != 0 || centre < 2 || centre + 2 >= runs.size()) {
			return false;
		}
		int unit = middle.length() / 3;
		for (int offset : new int[] { -2, -1, 1, 2 }) {
			if (runs.get(centre + offset).length() != unit) {
				return false;
			}
		}
		return isLightAreaBeside(runs, centre - 3, 4 * unit) || isLightAreaBeside(runs, centre + 3, 4 * unit);
	}

	/**
	 * A light run of {@code width} or more there, or one reaching the edge, or the edge.
	 */
	private static boolean isLightAreaBeside(List<Run> runs, int index, int width) {
		if (index < 0 || index >= runs.size()) {
			return true;
		}
		return index == 0 || index == runs.size() - 1 || runs.get(index).length() >= width;
	}

	private static List<Run> runs(boolean[] line) {
		List<Run> runs = new ArrayList<>();
		int start = 0;
		for (int i = 1; i <= line.length; i++) {
			if (i == line.length || line[i] != line[start]) {
				runs.add(new Run(line[start], i - start));
				start = i;
			}
		}
		return runs;
	}

	/** Feature 2: every 2x2 block of one colour, overlapping blocks counted each. */
	private static int blockScore(boolean[][] modules) {
		int score = 0;
		for (int row = 0; row + 1 < modules.length; row++) {
			for (int column = 0; column + 1 < modules.length; column++) {
				boolean colour = modules[row][column];
				if (modules[row][column + 1] == colour && modules[row + 1][column] == colour
						&& modules[row + 1][column + 1] == colour) {
					score += N2;
				}
			}
		}
		return score;
	}

	/**
	 * Feature 4: 10 points for each full 5 % step the proportion of dark modules is away
	 * from 50 %. Table 11's ranges share their ends (55 % is in "50 ± 5 %" and in "50 ± 5
	 * to 10 %"); like libqrencode, the proportion is first rounded to a whole per cent,
	 * so 54.6 % counts as 55 % and scores 10.
	 */
	private static int balanceScore(boolean[][] modules) {
		int total = modules.length * modules.length;
		int dark = 0;
		for (boolean[] row : modules) {
			for (boolean module : row) {
				dark += module ? 1 : 0;
			}
		}
		int percent = (200 * dark + total) / total / 2; // rounded half up
		return N4 * (Math.abs(percent - 50) / 5);
	}

	private record Run(boolean dark, int length) {
	}

}
