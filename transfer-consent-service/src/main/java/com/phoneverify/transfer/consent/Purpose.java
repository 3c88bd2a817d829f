package com.phoneverify.transfer.consent;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a mutual-consent transfer is for, and its terms.
 *
 * @param repaymentDate a loan's repayment date (required for a loan, refused otherwise)
 * @param conditions the terms in words, shown to the recipient (at most 200 characters)
 */
public record Purpose(Type type, @Nullable LocalDate repaymentDate, @Nullable String conditions) {

	/** 대여금, 계약, 개인 거래. */
	public enum Type {

		LOAN("대여금"), CONTRACT("계약"), TRADE("개인거래");

		private final String korean;

		Type(String korean) {
			this.korean = korean;
		}

		public String korean() {
			return this.korean;
		}

	}

}
