package com.phoneverify.otp;

import java.time.Clock;
import java.time.Period;
import java.util.Base64;
import java.util.Map;

import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.algorithm.OcraSuite;
import com.phoneverify.otp.audit.AuditTrail;
import com.phoneverify.otp.channel.ChannelPolicy;
import com.phoneverify.otp.incident.Incidents;
import com.phoneverify.otp.inquiry.Inquiries;
import com.phoneverify.otp.mobile.MobileOtps;
import com.phoneverify.otp.mobile.MobileSettings;
import com.phoneverify.otp.registration.HardwareRegistrations;
import com.phoneverify.otp.registry.InstitutionRegistry;
import com.phoneverify.otp.settings.OtpProperties;
import com.phoneverify.otp.token.CodeSettings;
import com.phoneverify.otp.token.CustomerKeys;
import com.phoneverify.otp.token.Lifecycle;
import com.phoneverify.otp.token.PinHasher;
import com.phoneverify.otp.token.TokenVerification;
import com.phoneverify.otp.token.Tokens;
import com.phoneverify.otp.token.VerificationSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The use cases, built from the one configuration record and the adapters' ports. */
@Configuration(proxyBeanMethods = false)
class OtpConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

	@Bean
	CustomerKeys customerKeys(OtpProperties properties) {
		String lookupKey = required(properties.secrets().lookupKey(), "otp.secrets.lookup-key",
				"Base64 of at least 16 random bytes");
		return new CustomerKeys(Base64.getDecoder().decode(lookupKey));
	}

	@Bean
	PinHasher pinHasher(OtpProperties properties) {
		return new PinHasher(properties.pinIterations());
	}

	@Bean
	Lifecycle lifecycle(Tokens tokens, AuditTrail audit, TransactionalOperator transactions, OtpProperties properties,
			Clock clock) {
		return new Lifecycle(tokens, audit, transactions, new ChannelPolicy(properties.channels()),
				properties.institution(), clock);
	}

	@Bean
	TokenVerification tokenVerification(Tokens tokens, InstitutionRegistry registry, AuditTrail audit,
			TransactionalOperator transactions, OtpProperties properties, PinHasher pins, Clock clock) {
		OtpProperties.Verification v = properties.verification();
		VerificationSettings settings = new VerificationSettings(v.lockThreshold(), v.hotpLookAhead(),
				v.hotpResyncWindow(), v.totpDrift(), OcraSuite.parse(v.transferSuite()), v.ocraDrift(),
				v.pinAttempts());
		return new TokenVerification(tokens, registry, audit, transactions, settings, pins, clock);
	}

	@Bean
	HardwareRegistrations hardwareRegistrations(Lifecycle lifecycle, InstitutionRegistry registry,
			OtpProperties properties) {
		Map<String, String> vendors = properties.vendors();
		return new HardwareRegistrations(lifecycle, registry, (vendors != null) ? vendors : Map.of());
	}

	@Bean
	Incidents incidents(Lifecycle lifecycle, InstitutionRegistry registry) {
		return new Incidents(lifecycle, registry);
	}

	@Bean
	MobileOtps mobileOtps(Lifecycle lifecycle, TokenVerification verification, PinHasher pins,
			OtpProperties properties) {
		OtpProperties.Mobile mobile = properties.mobile();
		Period validity = mobile.validity();
		CodeSettings codes = new CodeSettings(true, HmacAlgorithm.named(mobile.algorithm()), mobile.digits(),
				(int) mobile.step().toSeconds());
		return new MobileOtps(lifecycle, verification, pins, new MobileSettings(validity, codes, mobile.issuer()));
	}

	@Bean
	Inquiries inquiries(Tokens tokens, InstitutionRegistry registry, AuditTrail audit) {
		return new Inquiries(tokens, registry, audit);
	}

	/** A required setting: absent, the service does not start, naming the property. */
	static String required(@Nullable String value, String property, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("configure " + property + " (" + what + ")");
		}
		return value;
	}

}
