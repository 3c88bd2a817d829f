package com.phoneverify.otp.mobile;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import com.phoneverify.otp.algorithm.HotpVerifier;
import com.phoneverify.otp.algorithm.OtpAuthUri;
import com.phoneverify.otp.algorithm.TotpVerifier;
import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.channel.Operation;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.Lifecycle;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.PinHasher;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import com.phoneverify.otp.token.TokenVerification;
import com.phoneverify.otp.token.VerificationOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Issues and cancels mobile OTPs. */
public final class MobileOtps {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Lifecycle lifecycle;

	private final TokenVerification verification;

	private final PinHasher pins;

	private final MobileSettings settings;

	public MobileOtps(Lifecycle lifecycle, TokenVerification verification, PinHasher pins, MobileSettings settings) {
		this.lifecycle = lifecycle;
		this.verification = verification;
		this.pins = pins;
		this.settings = settings;
	}

	/**
	 * A mobile OTP issued, with its provisioning URI (shown once; it holds the secret).
	 */
	public record Issued(Token token, String otpauthUri, @Nullable UUID revoked) {

		@Override
		public String toString() {
			return "Issued[" + this.token + "]";
		}

	}

	/**
	 * Issues a mobile OTP on {@code deviceId}.
	 * @param replaceExisting the customer confirmed that the mobile OTP on another device
	 * is revoked; without it, an existing one is refused as
	 * {@link OtpProblem#SECOND_DEVICE}
	 */
	public Mono<Issued> issue(String customerKey, CustomerKind kind, String deviceId, String pin,
			IdentityEvidence evidence, boolean replaceExisting, Caller caller) {
		if (kind != CustomerKind.DOMESTIC_INDIVIDUAL) {
			throw new OtpRefusal(OtpProblem.NOT_ELIGIBLE,
					(kind == CustomerKind.CORPORATION) ? "corporations cannot be issued a mobile OTP (법인 발급불가)"
							: "foreigners cannot be issued a mobile OTP (외국인 발급불가)");
		}
		this.lifecycle.checkChannel(Operation.ISSUE_MOBILE, caller, kind);
		if (!deviceId.matches("[0-9A-Za-z._-]{8,64}")) {
			throw new OtpRefusal(OtpProblem.INVALID_REQUEST, "deviceId is 8 to 64 letters, digits, '.', '_' or '-'");
		}
		PinHasher.checkFormat(pin);
		return identityChecked(customerKey, evidence, caller)
			.then(Mono.fromCallable(() -> this.pins.hash(pin)).subscribeOn(Schedulers.boundedElastic()))
			.flatMap((pinHash) -> this.lifecycle
				.inTransaction(this.lifecycle.tokens().enrolAndLock(customerKey, kind).flatMap((customer) -> {
					if (customer.securityCard()) {
						throw new OtpRefusal(OtpProblem.SECURITY_CARD_IN_USE,
								"the customer uses a security card; OTP and security card exclude each other");
					}
					return this.lifecycle.tokens()
						.liveToken(customerKey, TokenKind.MOBILE)
						.map(Optional::of)
						.defaultIfEmpty(Optional.empty());
				}).flatMap((existing) -> {
					if (existing.isPresent() && !replaceExisting) {
						throw new OtpRefusal(OtpProblem.SECOND_DEVICE,
								"a mobile OTP issued "
										+ existing.get().createdAt().atOffset(ZoneOffset.UTC).toLocalDate()
										+ " is on another device; confirm replacing it (replaceExisting) to revoke it");
					}
					Token token = newToken(customerKey, deviceId, pinHash);
					Mono<Void> revoke = existing
						.map((old) -> this.lifecycle.tokens()
							.update(old.withStatus(TokenStatus.REVOKED))
							.then(this.lifecycle.record(caller, Operation.ISSUE_MOBILE, "REVOKED_BY_NEW_DEVICE",
									customerKey, old, old.deviceLabel())))
						.orElse(Mono.empty());
					return revoke.then(this.lifecycle.tokens().insert(token))
						.then(this.lifecycle.record(caller, Operation.ISSUE_MOBILE, "DONE", customerKey, token,
								token.deviceLabel()))
						.thenReturn(new Issued(token, uri(token), existing.map(Token::id).orElse(null)));
				})));
	}

	/** 모바일OTP 이용해지. */
	public Mono<Token> cancel(String customerKey, CustomerKind kind, Caller caller) {
		this.lifecycle.checkChannel(Operation.CANCEL_MOBILE, caller, kind);
		return this.lifecycle.inTransaction(this.lifecycle.tokens()
			.lockCustomer(customerKey)
			.flatMap((customer) -> this.lifecycle.tokens().liveToken(customerKey, TokenKind.MOBILE))
			.switchIfEmpty(Mono.error(() -> new OtpRefusal(OtpProblem.NO_TOKEN, "the customer has no mobile OTP")))
			.flatMap((token) -> {
				Token canceled = token.withStatus(TokenStatus.CANCELED);
				return this.lifecycle.tokens()
					.update(canceled)
					.then(this.lifecycle.record(caller, Operation.CANCEL_MOBILE, "DONE", customerKey, token,
							token.deviceLabel()))
					.thenReturn(canceled);
			}));
	}

	/**
	 * 오류초기화 for a customer whose only OTP is mobile: clears the customer's error count
	 * (the PIN count is not reset: five PIN errors mean reissue).
	 */
	public Mono<Token> resetErrors(String customerKey, CustomerKind kind, Caller caller) {
		this.lifecycle.checkChannel(Operation.RESET_ERRORS, caller, kind);
		return this.lifecycle.inTransaction(this.lifecycle.tokens()
			.lockCustomer(customerKey)
			.flatMap((customer) -> this.lifecycle.tokens().liveToken(customerKey, TokenKind.MOBILE))
			.switchIfEmpty(Mono.error(() -> new OtpRefusal(OtpProblem.NO_TOKEN, "the customer has no mobile OTP")))
			.flatMap((token) -> this.lifecycle.tokens()
				.setFailures(customerKey, 0)
				.then(this.lifecycle.record(caller, Operation.RESET_ERRORS, "DONE", customerKey, token,
						token.deviceLabel()))
				.thenReturn(token)));
	}

	private Mono<Void> identityChecked(String customerKey, IdentityEvidence evidence, Caller caller) {
		if (caller.channel() == Channel.BRANCH && evidence.secondFactor() == IdentityEvidence.SecondFactor.IN_PERSON) {
			return Mono.empty();
		}
		if (!evidence.accountAuthenticated() || !evidence.phoneVerified()
				|| evidence.secondFactor() == IdentityEvidence.SecondFactor.IN_PERSON) {
			return Mono.error(new OtpRefusal(OtpProblem.IDENTITY_NOT_VERIFIED,
					"online issuance needs account authentication, phone verification and a 1-won transfer, "
							+ "a hardware OTP code or the security card"));
		}
		if (evidence.secondFactor() != IdentityEvidence.SecondFactor.HARDWARE_OTP) {
			return Mono.empty();
		}
		String code = evidence.hardwareOtpCode();
		if (code == null) {
			return Mono.error(new OtpRefusal(OtpProblem.IDENTITY_NOT_VERIFIED, "hardwareOtpCode is missing"));
		}
		return this.verification.verify(customerKey, TokenKind.HARDWARE, code, null, caller)
			.flatMap((outcome) -> (outcome instanceof VerificationOutcome.Verified) ? Mono.empty()
					: Mono.error(new OtpRefusal(OtpProblem.IDENTITY_NOT_VERIFIED,
							"the hardware OTP code was not accepted (" + describe(outcome) + ")")));
	}

	private static String describe(VerificationOutcome outcome) {
		if (outcome instanceof VerificationOutcome.Rejected rejected) {
			return "wrong code, " + rejected.remaining() + " attempts left";
		}
		return (outcome instanceof VerificationOutcome.Refused refused) ? refused.detail() : "verified";
	}

	private Token newToken(String customerKey, String deviceId, String pinHash) {
		byte[] secret = new byte[20];
		RANDOM.nextBytes(secret);
		Instant now = this.lifecycle.clock().instant();
		Instant validUntil = now.atOffset(ZoneOffset.UTC).plus(this.settings.validity()).toInstant();
		return new Token(UUID.randomUUID(), customerKey, TokenKind.MOBILE, null, deviceId, this.settings.codes(),
				secret, this.settings.codes().timeBased() ? -1 : 0, -1, TokenStatus.ACTIVE, null, null, validUntil, 0,
				pinHash, now);
	}

	private String uri(Token token) {
		String label = "mobile-" + token.id().toString().substring(0, 8);
		if (token.settings().timeBased()) {
			return OtpAuthUri.totp(this.settings.issuer(), label, token.secret(),
					new TotpVerifier(token.settings().digits(), token.settings().algorithm(),
							Duration.ofSeconds(token.settings().stepSeconds()), 0));
		}
		return OtpAuthUri.hotp(this.settings.issuer(), label, token.secret(),
				new HotpVerifier(token.settings().digits(), token.settings().algorithm(), 0, 0), 0);
	}

}
