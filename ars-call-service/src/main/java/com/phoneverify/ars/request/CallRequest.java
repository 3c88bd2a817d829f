package com.phoneverify.ars.request;

import java.time.Instant;
import java.util.UUID;

import com.phoneverify.ars.scenario.ScenarioInputs;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * An opened {@code auth-requested} event: what to dial and what to say. Its
 * {@link #toString()} shows no number and no digits.
 */
public record CallRequest(UUID eventId, VerificationId verificationId, MerchantId merchantId, ArsScenario scenario,
		PhoneNumber phone, ScenarioInputs inputs, Instant expiresAt, @Nullable String traceparent) {

}
