package com.phoneverify.transfer;

import java.util.Map;

import com.phoneverify.transfer.consent.TransferMode;
import com.phoneverify.transfer.settings.TransferProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The OTP settings bind as the README documents them, and are off by default. */
class OtpSettingsTests {

	@Test
	void theThresholdAndTheFlagPerModeBind() {
		TransferProperties properties = bind(
				Map.of("transfer.otp.required-above", "3000000", "transfer.otp.required-for.MUTUAL_CONSENT", "true",
						"transfer.otp.required-for.PHISHING_GUARD", "false", "transfer.otp.merchant-id", "demo-bank"));
		assertThat(properties.otp().requiredAbove()).isEqualTo(3_000_000L);
		assertThat(properties.otp().modes()).containsExactly(TransferMode.MUTUAL_CONSENT);
		assertThat(properties.otp().merchantId()).isEqualTo("demo-bank");
	}

	@Test
	void noTransferNeedsAnOtpByDefault() {
		TransferProperties properties = bind(Map.of("transfer.bank-code", "999"));
		assertThat(properties.otp().requiredAbove()).isNull();
		assertThat(properties.otp().modes()).isEmpty();
		assertThat(properties.otp().merchantId()).isEqualTo("bank");
	}

	private static TransferProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("transfer",
				TransferProperties.class);
	}

}
