package com.phoneverify.sms.outbound;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.sms.smsc.Segment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextEncodingTests {

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	private final TextEncoding udh = new TextEncoding((byte) 0x0E, false);

	private final TextEncoding payload = new TextEncoding((byte) 0x0E, true);

	@Test
	void koreanTextOfNinetyEucKrBytesIsOneSms() {
		String text = "가".repeat(45); // 2 bytes each in EUC-KR

		TextEncoding.Parts parts = (TextEncoding.Parts) this.udh.encode(text, 1);

		assertThat(parts.kind()).isEqualTo(SmsKind.SMS);
		assertThat(parts.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.dataCoding()).isEqualTo((byte) 0x0E);
			assertThat(new String(segment.userData(), EUC_KR)).isEqualTo(text);
			assertThat(segment.udhi()).isFalse();
		});
	}

	@Test
	void oneByteMoreIsAnLmsInConcatenatedUcs2Segments() {
		String text = "가".repeat(45) + "a";

		TextEncoding.Parts parts = (TextEncoding.Parts) this.udh.encode(text, 7);

		assertThat(parts.kind()).isEqualTo(SmsKind.LMS);
		assertThat(parts.segments()).hasSize(1);
		Segment only = parts.segments().get(0);
		assertThat(only.udhi()).isTrue();
		assertThat(Arrays.copyOfRange(only.userData(), 0, 6)).containsExactly(5, 0, 3, 7, 1, 1);
		assertThat(new String(only.userData(), 6, only.userData().length - 6, StandardCharsets.UTF_16BE))
			.isEqualTo(text);
	}

	@Test
	void aLongMessageIsSplitIntoSixtySevenCharacterSegmentsThatJoinBack() {
		String text = "이체 확인을 위해 아래 인증번호를 회신해 주세요. ".repeat(8);

		TextEncoding.Parts parts = (TextEncoding.Parts) this.udh.encode(text, 200);

		assertThat(parts.segments()).hasSize((text.length() + 66) / 67);
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < parts.segments().size(); i++) {
			byte[] data = parts.segments().get(i).userData();
			assertThat(data.length).isLessThanOrEqualTo(140);
			assertThat(data[3]).isEqualTo((byte) 200);
			assertThat(data[4]).isEqualTo((byte) parts.segments().size());
			assertThat(data[5]).isEqualTo((byte) (i + 1));
			joined.append(new String(data, 6, data.length - 6, StandardCharsets.UTF_16BE));
		}
		assertThat(joined.toString()).isEqualTo(text);
	}

	@Test
	void anEmojiIsNeverCutInHalfAtASegmentBoundary() {
		String text = "a".repeat(66) + "😀" + "b".repeat(10);

		TextEncoding.Parts parts = (TextEncoding.Parts) this.udh.encode(text, 1);

		byte[] first = parts.segments().get(0).userData();
		assertThat(new String(first, 6, first.length - 6, StandardCharsets.UTF_16BE)).isEqualTo("a".repeat(66));
		byte[] second = parts.segments().get(1).userData();
		assertThat(new String(second, 6, second.length - 6, StandardCharsets.UTF_16BE)).startsWith("😀");
	}

	@Test
	void aShortTextWithAnEmojiIsOneUcs2Sms() {
		TextEncoding.Parts parts = (TextEncoding.Parts) this.udh.encode("좋아요 😀", 1);

		assertThat(parts.kind()).isEqualTo(SmsKind.SMS);
		assertThat(parts.segments()).singleElement()
			.satisfies((segment) -> assertThat(segment.dataCoding()).isEqualTo((byte) 0x08));
	}

	@Test
	void inPayloadModeAnLmsIsOneSubmitWithTheWholeEucKrText() {
		String text = "가".repeat(500);

		TextEncoding.Parts parts = (TextEncoding.Parts) this.payload.encode(text, 1);

		assertThat(parts.kind()).isEqualTo(SmsKind.LMS);
		assertThat(parts.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.payload()).isTrue();
			assertThat(new String(segment.userData(), EUC_KR)).isEqualTo(text);
		});
	}

	@Test
	void moreThanTwoThousandBytesIsRefused() {
		assertThat(this.udh.encode("가".repeat(1001), 1)).isInstanceOf(TextEncoding.TooLong.class);
	}

}
