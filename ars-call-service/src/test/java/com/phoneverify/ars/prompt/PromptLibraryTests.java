package com.phoneverify.ars.prompt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PromptLibraryTests {

	@TempDir
	Path cache;

	private final AtomicInteger synthesized = new AtomicInteger();

	private final TextToSpeech tts = (voice, text) -> {
		this.synthesized.incrementAndGet();
		short[] samples = new short[800];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (short) (Math.sin(i / 3.0) * 8000);
		}
		return AudioClip.of(samples);
	};

	@Test
	void aFragmentIsSynthesizedOnceAndKeptInMemoryAndOnDisk() {
		PromptLibrary library = new PromptLibrary(this.tts, this.cache, getClass().getClassLoader());

		AudioClip first = library.speak("ko", "새 문장");
		AudioClip second = library.speak("ko", "새 문장");

		assertThat(this.synthesized).hasValue(1);
		assertThat(second).isSameAs(first);
		assertThat(Files.exists(this.cache.resolve(PromptLibrary.key("ko", "새 문장") + PromptLibrary.SUFFIX))).isTrue();
	}

	@Test
	void aNewLibraryReadsTheDiskCacheInsteadOfSynthesizing() {
		new PromptLibrary(this.tts, this.cache, getClass().getClassLoader()).speak("ko", "캐시된 문장");

		AudioClip again = new PromptLibrary(this.tts, this.cache, getClass().getClassLoader()).speak("ko", "캐시된 문장");

		assertThat(this.synthesized).hasValue(1);
		assertThat(again.length()).isEqualTo(800);
	}

	@Test
	void theShippedScenariosNeedNoSynthesisBecauseTheirAudioIsCommitted() {
		ScenarioCatalog catalog = ScenarioCatalog.load((name) -> getClass().getResourceAsStream("/scenarios/" + name));
		PromptLibrary library = new PromptLibrary(this.tts, this.cache, getClass().getClassLoader());

		int synthesizedAtStart = library.prepare(catalog.fragments());

		assertThat(synthesizedAtStart).isZero();
		assertThat(this.synthesized).hasValue(0);
		assertThat(library.speak("ko", "폰베리파이 전화인증 서비스입니다.").durationMillis()).isGreaterThan(1000);
	}

	@Test
	void theKeyDependsOnVoiceAndText() {
		assertThat(PromptLibrary.key("ko", "일")).isNotEqualTo(PromptLibrary.key("en", "일"))
			.isNotEqualTo(PromptLibrary.key("ko", "이"))
			.hasSize(64);
		assertThat(Set.of(PromptLibrary.key("ko", "일"))).contains(PromptLibrary.key("ko", "일"));
	}

}
