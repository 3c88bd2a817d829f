package com.phoneverify.contracts;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random inputs for the fuzz tests, in place of a property-based library. Each try
 * draws from its own {@link SplittableRandom} seeded from {@code -Dfuzz.seed} and the try
 * index, so a seed and an index name one input; {@code -Dfuzz.seed} defaults to a random
 * seed that every failure names, {@code -Dfuzz.tries} to 10,000. There is no shrinking: a
 * failure reports the input as generated. Shared with the other modules' fuzz tests
 * through contracts' test jar.
 */
public final class Fuzz {

	/** Inputs per fuzz test: {@code -Dfuzz.tries}, 10,000 unless given. */
	public static final int TRIES = Integer.getInteger("fuzz.tries", 10_000);

	/** The seed of this run: {@code -Dfuzz.seed}, random unless given. */
	public static final long SEED = Long.getLong("fuzz.seed", new SplittableRandom().nextLong());

	/** Printable ASCII, space to tilde. */
	public static final String PRINTABLE = alphabet(' ', '~');

	private static final int[] EDGE_INTS = { 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE };

	private final SplittableRandom random;

	private Fuzz(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** The generator of try {@code index} of this run's seed. */
	public static Fuzz forTry(long index) {
		return new Fuzz(new SplittableRandom(SEED + index * 0x9E37_79B9_7F4A_7C15L).nextLong());
	}

	/** How to reproduce a run, for failure messages. */
	public static String reproduce() {
		return "-Dfuzz.seed=" + SEED + " -Dfuzz.tries=" + TRIES;
	}

	/**
	 * Checks the property on {@link #TRIES} generated inputs; the property returns a
	 * label of the outcome, and the count of each label is printed. A failure names the
	 * seed, the try and the input as {@code describe} shows it.
	 */
	public static <T> void forAll(Function<Fuzz, T> generator, Function<T, String> describe,
			Function<T, String> property) {
		Map<String, Integer> outcomes = new TreeMap<>();
		for (int index = 0; index < TRIES; index++) {
			T input = null;
			try {
				input = generator.apply(forTry(index));
				outcomes.merge(property.apply(input), 1, Integer::sum);
			}
			catch (Throwable ex) {
				String shown = (input != null) ? describe.apply(input) : "(the generator failed)";
				throw new AssertionError(
						"try " + index + " of " + reproduce() + " failed on input " + shown + ": " + ex, ex);
			}
		}
		System.out.printf("fuzz: %d tries, %s; outcomes %s%n", TRIES, reproduce(), outcomes);
	}

	public int between(int min, int max) {
		return this.random.nextInt(min, max + 1);
	}

	public long between(long min, long max) {
		return this.random.nextLong(min, max + 1);
	}

	/** Any int, with 0, ±1 and the extremes more often than chance. */
	public int anyInt() {
		return (this.random.nextInt(8) == 0) ? EDGE_INTS[this.random.nextInt(EDGE_INTS.length)] : this.random.nextInt();
	}

	/** Any long, with 0, ±1 and the extremes more often than chance. */
	public long anyLong() {
		return (this.random.nextInt(8) == 0) ? pick(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)
				: this.random.nextLong();
	}

	public byte anyByte() {
		return (byte) this.random.nextInt(256);
	}

	public boolean bool() {
		return this.random.nextBoolean();
	}

	/** Random bytes, of a length from 0 to {@code maxLength}. */
	public byte[] bytes(int maxLength) {
		byte[] bytes = new byte[between(0, maxLength)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Any UTF-16 chars (lone surrogates too), of a length from 0 to {@code maxLength}.
	 */
	public String string(int maxLength) {
		StringBuilder out = new StringBuilder();
		for (int i = between(0, maxLength); i > 0; i--) {
			// half of them ASCII, where the syntax of most formats lives
			out.append((char) (bool() ? this.random.nextInt(128) : this.random.nextInt(Character.MAX_VALUE + 1)));
		}
		return out.toString();
	}

	/** Chars of the alphabet, of a length from {@code minLength} to {@code maxLength}. */
	public String string(String alphabet, int minLength, int maxLength) {
		StringBuilder out = new StringBuilder();
		for (int i = between(minLength, maxLength); i > 0; i--) {
			out.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return out.toString();
	}

	@SafeVarargs
	public final <T> T pick(T... values) {
		return values[this.random.nextInt(values.length)];
	}

	public <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/** An index into {@code weights}, each as likely as its weight. */
	public int weighted(int... weights) {
		int ticket = this.random.nextInt(java.util.Arrays.stream(weights).sum());
		int index = 0;
		while (ticket >= weights[index]) {
			ticket -= weights[index++];
		}
		return index;
	}

	/** From {@code minSize} to {@code maxSize} elements. */
	public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
		List<T> list = new ArrayList<>();
		for (int i = between(minSize, maxSize); i > 0; i--) {
			list.add(element.get());
		}
		return list;
	}

	/** The first bytes in hex, and the length. */
	public static String hex(byte[] bytes) {
		String head = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 96));
		return (bytes.length > 96) ? head + "…(" + bytes.length + " bytes)" : head;
	}

	/** The text on one line, cut after 200 chars. */
	public static String abbreviate(String text) {
		String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
		return (oneLine.length() > 200) ? oneLine.substring(0, 200) + "…(" + oneLine.length() + " chars)" : oneLine;
	}

	public static String alphabet(char from, char to) {
		StringBuilder out = new StringBuilder();
		for (char c = from; c <= to; c++) {
			out.append(c);
		}
		return out.toString();
	}

}
