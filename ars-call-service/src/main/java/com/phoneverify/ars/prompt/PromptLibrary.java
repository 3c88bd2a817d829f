package com.phoneverify.ars.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.Voice;
import com.phoneverify.media.codec.G711;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of every prompt fragment, found in this order: memory; the audio committed
 * with the service (classpath {@code prompts/<key>.ulaw}); the disk cache
 * ({@code <cacheDir>/<key>.ulaw}); else synthesized and written to the disk cache. The
 * key is the SHA-256 of voice and text, so changing a word in a scenario file yields a
 * new fragment and the old audio is simply not used. Files hold G.711 μ-law at 8 kHz.
 * Thread-safe.
 */
final class PromptLibrary implements Voice {

	private static final Logger log = LoggerFactory.getLogger(PromptLibrary.class);

	/** File name suffix of stored prompt audio (raw G.711 μ-law, 8 kHz, mono). */
	public static final String SUFFIX = ".ulaw";

	private static final String CLASSPATH_DIR = "prompts/";

	private final Map<String, AudioClip> memory = new ConcurrentHashMap<>();

	private final TextToSpeech tts;

	private final @Nullable Path cacheDir;

	private final ClassLoader classLoader;

	/**
	 * @param cacheDir where synthesized audio is kept across restarts; null for memory
	 * only
	 */
	PromptLibrary(TextToSpeech tts, @Nullable Path cacheDir, ClassLoader classLoader) {
		this.tts = tts;
		this.cacheDir = cacheDir;
		this.classLoader = classLoader;
	}

	/**
	 * Makes sure every fragment has audio, synthesizing only what is neither committed
	 * nor cached.
	 * @return how many fragments had to be synthesized
	 */
	public int prepare(Set<ScenarioCatalog.Fragment> fragments) {
		int synthesized = 0;
		for (ScenarioCatalog.Fragment fragment : fragments) {
			if (load(fragment.voice(), fragment.text()) == null) {
				synthesized++;
			}
			speak(fragment.voice(), fragment.text());
		}
		log.info("prompts ready: {} fragments, {} synthesized", fragments.size(), synthesized);
		return synthesized;
	}

	@Override
	public AudioClip speak(String voice, String text) {
		return this.memory.computeIfAbsent(key(voice, text), (key) -> {
			AudioClip stored = load(voice, text);
			return (stored != null) ? stored : synthesizeAndStore(voice, text);
		});
	}

	/** The stored audio of a fragment, committed or cached, if any. */
	private @Nullable AudioClip load(String voice, String text) {
		String name = key(voice, text) + SUFFIX;
		try (InputStream in = this.classLoader.getResourceAsStream(CLASSPATH_DIR + name)) {
			if (in != null) {
				return decode(in.readAllBytes());
			}
			if (this.cacheDir != null && Files.isRegularFile(this.cacheDir.resolve(name))) {
				return decode(Files.readAllBytes(this.cacheDir.resolve(name)));
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read prompt audio " + name, ex);
		}
	}

	private AudioClip synthesizeAndStore(String voice, String text) {
		AudioClip clip = this.tts.synthesize(voice, text);
		if (this.cacheDir != null) {
			write(this.cacheDir, voice, text, clip);
		}
		return clip;
	}

	/** Writes a fragment's audio into {@code dir} under its key (atomically). */
	public static Path write(Path dir, String voice, String text, AudioClip clip) {
		try {
			Files.createDirectories(dir);
			Path target = dir.resolve(key(voice, text) + SUFFIX);
			Path temporary = Files.createTempFile(dir, "prompt", ".tmp");
			Files.write(temporary, G711.PCMU.encode(clip.samples()));
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write prompt audio to " + dir, ex);
		}
	}

	/** The storage key of a fragment: hex SHA-256 of {@code voice + "\n" + text}. */
	public static String key(String voice, String text) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest((voice + "\n" + text).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static AudioClip decode(byte[] ulaw) {
		return AudioClip.of(G711.PCMU.decode(ulaw));
	}

}
