package com.phoneverify.otp.registration;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import com.phoneverify.otp.algorithm.CodeFormat;
import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.algorithm.HotpVerifier;
import com.phoneverify.otp.algorithm.TotpVerifier;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.channel.Operation;
import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.DeviceProfile;
import com.phoneverify.otp.registry.InstitutionRegistry;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.CodeSettings;
import com.phoneverify.otp.token.Lifecycle;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Registers and cancels hardware OTPs of other institutions. */
public final class HardwareRegistrations {

	private final Lifecycle lifecycle;

	private final InstitutionRegistry registry;

	private final Map<String, String> vendors;

	/**
	 * @param vendors the vendor codes this institution accepts → vendor names
	 */
	public HardwareRegistrations(Lifecycle lifecycle, InstitutionRegistry registry, Map<String, String> vendors) {
		this.lifecycle = lifecycle;
		this.registry = registry;
		this.vendors = Map.copyOf(vendors);
	}

	/**
	 * Registers {@code device} for the customer.
	 * @param responseCode a code the device shows now; checked when given (not required)
	 */
	public Mono<Token> register(String customerKey, CustomerKind kind, DeviceId device, @Nullable String responseCode,
			Caller caller) {
		this.lifecycle.checkChannel(Operation.REGISTER_HARDWARE, caller, kind);
		if (!this.vendors.containsKey(device.vendorCode())) {
			throw new OtpRefusal(OtpProblem.UNKNOWN_VENDOR,
					"vendor code " + device.vendorCode() + " is not one of " + this.vendors.keySet());
		}
		Mono<Token> work = this.lifecycle.tokens().enrolAndLock(customerKey, kind).flatMap((customer) -> {
			if (customer.securityCard()) {
				throw new OtpRefusal(OtpProblem.SECURITY_CARD_IN_USE,
						"the customer uses a security card; cancel it before registering an OTP");
			}
			return this.lifecycle.tokens()
				.liveToken(customerKey, TokenKind.HARDWARE)
				.flatMap((existing) -> Mono.<Token>error(new OtpRefusal(OtpProblem.DUPLICATE_REGISTRATION,
						"the customer already has OTP " + existing.deviceLabel() + " registered (one per customer)")))
				.switchIfEmpty(this.lifecycle.tokens()
					.liveHardware(device)
					.flatMap((other) -> Mono.<Token>error(new OtpRefusal(OtpProblem.DUPLICATE_REGISTRATION,
							"OTP " + device + " is already registered here to another customer"))))
				.switchIfEmpty(Mono.defer(() -> newToken(customerKey, device, responseCode)))
				.flatMap((token) -> this.lifecycle.tokens()
					.insert(token)
					.then(this.lifecycle.record(caller, Operation.REGISTER_HARDWARE, "DONE", customerKey, token,
							device.toString()))
					.thenReturn(token));
		});
		return this.lifecycle.inTransaction(work);
	}

	/** Cancels the customer's registration of {@code device}. */
	public Mono<Token> cancel(String customerKey, CustomerKind kind, DeviceId device, Caller caller) {
		this.lifecycle.checkChannel(Operation.CANCEL_HARDWARE, caller, kind);
		Mono<Token> work = this.lifecycle.tokens()
			.lockCustomer(customerKey)
			.flatMap((customer) -> this.lifecycle.tokens().liveToken(customerKey, TokenKind.HARDWARE))
			.filter((token) -> device.equals(token.hardwareDevice()))
			.switchIfEmpty(Mono.error(() -> new OtpRefusal(OtpProblem.NO_TOKEN,
					"OTP " + device + " is not registered here for this customer")))
			.flatMap((token) -> {
				Token canceled = token.withStatus(TokenStatus.CANCELED);
				return this.registry.cancel(this.lifecycle.institution(), device)
					.then(this.lifecycle.tokens().update(canceled))
					.then(this.lifecycle.record(caller, Operation.CANCEL_HARDWARE, "DONE", customerKey, token,
							device.toString()))
					.thenReturn(canceled);
			});
		return this.lifecycle.inTransaction(work);
	}

	/**
	 * Records that the customer uses a security card instead of an OTP; refused while an
	 * OTP is registered or issued (they exclude each other).
	 */
	public Mono<Void> useSecurityCard(String customerKey, CustomerKind kind, Caller caller) {
		this.lifecycle.checkChannel(Operation.REGISTER_HARDWARE, caller, kind);
		Mono<Void> work = this.lifecycle.tokens()
			.enrolAndLock(customerKey, kind)
			.thenMany(this.lifecycle.tokens().tokensOf(customerKey))
			.filter((token) -> token.status().live())
			.next()
			.flatMap((token) -> Mono.<Void>error(new OtpRefusal(OtpProblem.DUPLICATE_REGISTRATION,
					"the customer has OTP " + token.deviceLabel() + "; OTP and security card exclude each other")))
			.switchIfEmpty(this.lifecycle.tokens()
				.setSecurityCard(customerKey, true)
				.then(this.lifecycle.record(caller, Operation.REGISTER_HARDWARE, "SECURITY_CARD", customerKey, null,
						null)));
		return this.lifecycle.inTransaction(work);
	}

	private Mono<Token> newToken(String customerKey, DeviceId device, @Nullable String responseCode) {
		return this.registry.register(this.lifecycle.institution(), device)
			.onErrorMap(InstitutionRegistry.UnknownDeviceException.class,
					(ex) -> new OtpRefusal(OtpProblem.UNKNOWN_DEVICE, ex.getMessage()))
			.map((profile) -> {
				CodeSettings settings = new CodeSettings(profile.timeBased(), HmacAlgorithm.named(profile.algorithm()),
						profile.digits(), profile.timeBased() ? profile.stepSeconds() : 0);
				long movingFactor = (responseCode != null) ? checkedResponse(profile, settings, responseCode)
						: (settings.timeBased() ? -1 : 0);
				return new Token(UUID.randomUUID(), customerKey, TokenKind.HARDWARE, device, null, settings,
						profile.seed(), movingFactor, -1, TokenStatus.ACTIVE, profile.warrantyFrom(),
						profile.warrantyUntil(), null, 0, null, this.lifecycle.clock().instant());
			});
	}

	/** The moving factor after the response code, or a refusal when it does not match. */
	private long checkedResponse(DeviceProfile profile, CodeSettings settings, String responseCode) {
		CodeFormat.problemOf(responseCode, settings.digits()).ifPresent((problem) -> {
			throw new OtpRefusal((problem == CodeFormat.WRONG_LENGTH) ? OtpProblem.WRONG_LENGTH : OtpProblem.NOT_DIGITS,
					"the response code must be " + settings.digits() + " digits");
		});
		OptionalLong match;
		if (settings.timeBased()) {
			match = new TotpVerifier(settings.digits(), settings.algorithm(),
					Duration.ofSeconds(settings.stepSeconds()), 1)
				.verify(profile.seed(), this.lifecycle.clock().instant(), -1, responseCode);
		}
		else {
			// a device may have been pressed many times at its issuer: search the resync
			// window
			match = new HotpVerifier(settings.digits(), settings.algorithm(), 100, 100).verify(profile.seed(), 0,
					responseCode);
			if (match.isPresent()) {
				match = OptionalLong.of(match.getAsLong() + 1);
			}
		}
		if (match.isEmpty()) {
			throw new OtpRefusal(OtpProblem.RESPONSE_CODE_MISMATCH,
					"the response code is not one device " + profile + " shows now");
		}
		return match.getAsLong();
	}

}
