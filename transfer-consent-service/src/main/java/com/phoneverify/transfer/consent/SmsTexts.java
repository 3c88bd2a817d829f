package com.phoneverify.transfer.consent;

import java.text.NumberFormat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The texts of the consent SMS (steps ③–⑤) and the result SMS (steps ⑩–⑫), in Korean. The
 * remitter's name is shown masked ({@code 홍*동}); account numbers by their last four
 * digits.
 */
final class SmsTexts {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd HH:mm").withZone(SEOUL);

	private SmsTexts() {
	}

	/** The consent request to the recipient, with the code and the way to refuse. */
	static String consentRequest(Transfer transfer, String remitterName, String code) {
		StringBuilder text = new StringBuilder();
		text.append("[2-WAY 송금확인] ")
			.append(maskName(remitterName))
			.append("님이 ")
			.append(won(transfer.amount()))
			.append(" 송금(계좌 ")
			.append(transfer.to().masked().substring(Math.max(0, transfer.to().masked().length() - 4)))
			.append(")을 요청했습니다.");
		if (transfer.mode() == TransferMode.PHISHING_GUARD) {
			text.append(" 보이스피싱 등 사기 거래의 수취인은 형사처벌을 받을 수 있습니다.");
		}
		Purpose purpose = transfer.purpose();
		if (purpose != null) {
			text.append(" 용도: ").append(purpose.type().korean());
			if (purpose.repaymentDate() != null) {
				text.append(", 상환일 ").append(purpose.repaymentDate());
			}
			if (purpose.conditions() != null && !purpose.conditions().isBlank()) {
				text.append(", 조건: ").append(purpose.conditions());
			}
			text.append(". 위 내용에 동의하시면");
		}
		else {
			text.append(" 정상 거래이면");
		}
		// no particle after the code: 을/를 depends on how the last digit is read
		text.append(" 인증번호 ")
			.append(code)
			.append(" 회신, 거절은 '거절' 회신 (")
			.append(TIME.format(transfer.expiresAt()))
			.append("까지)");
		return text.toString();
	}

	/** The result to the remitter. */
	static String result(Transfer transfer) {
		String head = "[2-WAY 송금] " + won(transfer.amount()) + " 송금이 ";
		return switch (transfer.state()) {
			case EXECUTED -> head + "수취인 확인 후 완료되었습니다.";
			case DECLINED -> head + "수취인의 거절로 취소되었습니다. 보류된 금액은 반환되었습니다.";
			case EXPIRED -> head + "수취인 응답 시간 초과로 취소되었습니다. 보류된 금액은 반환되었습니다.";
			case FAILED -> isOtpFailure(transfer) ? head + "OTP 확인에 실패하여 취소되었습니다. 출금되지 않았습니다."
					: head + "확인에 실패하여 취소되었습니다. 보류된 금액은 반환되었습니다.";
			case CANCELED -> head + "요청에 따라 취소되었습니다. 보류된 금액은 반환되었습니다.";
			case AWAITING_OTP, AWAITING_CONSENT -> throw new IllegalArgumentException("not finished");
		};
	}

	private static boolean isOtpFailure(Transfer transfer) {
		return transfer.reason() != null && transfer.reason().startsWith("otp_");
	}

	static String won(long amount) {
		return NumberFormat.getIntegerInstance(Locale.KOREA).format(amount) + "원";
	}

	/** {@code 홍길동} → {@code 홍*동}, {@code 김철} → {@code 김*}. */
	static String maskName(String name) {
		int[] points = name.strip().codePoints().toArray();
		if (points.length <= 1) {
			return "*";
		}
		StringBuilder masked = new StringBuilder().appendCodePoint(points[0]);
		if (points.length == 2) {
			return masked.append('*').toString();
		}
		masked.append("*".repeat(points.length - 2));
		return masked.appendCodePoint(points[points.length - 1]).toString();
	}

}
