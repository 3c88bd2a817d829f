package com.phoneverify.ars.prompt;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.phoneverify.ars.call.AudioClip;

/**
 * Speech from espeak-ng ({@code espeak-ng -v <voice> --stdout <text>}), resampled from
 * its 22.05 kHz to 8 kHz in Java. The text is passed as one argument, never through a
 * shell.
 */
final class EspeakTextToSpeech implements TextToSpeech {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String command;

	/**
	 * @param command the espeak-ng executable, e.g. {@code espeak-ng}
	 */
	EspeakTextToSpeech(String command) {
		this.command = command;
	}

	/**
	 * Cuts the silence espeak-ng puts before and after speech, keeping 20 ms each side.
	 */
	static short[] trim(short[] samples) {
		int threshold = 300;
		int margin = AudioClip.SAMPLE_RATE / 50;
		int first = 0;
		while (first < samples.length && Math.abs(samples[first]) < threshold) {
			first++;
		}
		int last = samples.length - 1;
		while (last > first && Math.abs(samples[last]) < threshold) {
			last--;
		}
		if (first >= last) {
			return samples;
		}
		int from = Math.max(0, first - margin);
		int to = Math.min(samples.length, last + 1 + margin);
		return java.util.Arrays.copyOfRange(samples, from, to);
	}

	@Override
	public AudioClip synthesize(String voice, String text) {
		Process process;
		try {
			process = new ProcessBuilder(List.of(this.command, "-v", voice, "--stdout", text))
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new SpeechException("cannot start " + this.command + " (is espeak-ng installed?)", ex);
		}
		try {
			process.getOutputStream().close();
			CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
				try {
					return process.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					throw new SpeechException("cannot read " + this.command + " output", ex);
				}
			});
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new SpeechException(this.command + " took longer than " + TIMEOUT);
			}
			if (process.exitValue() != 0) {
				throw new SpeechException(this.command + " failed with exit code " + process.exitValue());
			}
			Wav wav = Wav.parse(output.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			return AudioClip.of(trim(Resampler.resample(wav.samples, wav.sampleRate, AudioClip.SAMPLE_RATE)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new SpeechException("interrupted while synthesizing", ex);
		}
		catch (SpeechException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new SpeechException("speech synthesis failed: " + ex.getMessage(), ex);
		}
	}

}
