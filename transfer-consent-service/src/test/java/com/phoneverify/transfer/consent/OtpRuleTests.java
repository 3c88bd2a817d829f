package com.phoneverify.transfer.consent;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OtpRuleTests {

	@Test
	void aFlaggedModeAlwaysNeedsTheOtpAndAnyModeAboveTheThreshold() {
		OtpRule rule = new OtpRule(Set.of(TransferMode.MUTUAL_CONSENT), 1_000_000L);
		assertThat(rule.requires(TransferMode.MUTUAL_CONSENT, 1)).isTrue();
		assertThat(rule.requires(TransferMode.PHISHING_GUARD, 1_000_000)).isFalse();
		assertThat(rule.requires(TransferMode.PHISHING_GUARD, 1_000_001)).isTrue();
		assertThat(rule.requires(TransferMode.NORMAL, 1_000_001)).isTrue();
		assertThat(rule.requires(TransferMode.NORMAL, 999)).isFalse();
	}

	@Test
	void withoutAThresholdOnlyTheFlaggedModesNeedIt() {
		OtpRule rule = new OtpRule(Set.of(TransferMode.PHISHING_GUARD), null);
		assertThat(rule.requires(TransferMode.PHISHING_GUARD, 1)).isTrue();
		assertThat(rule.requires(TransferMode.MUTUAL_CONSENT, Long.MAX_VALUE)).isFalse();
		assertThat(OtpRule.NEVER.requires(TransferMode.MUTUAL_CONSENT, Long.MAX_VALUE)).isFalse();
	}

}
