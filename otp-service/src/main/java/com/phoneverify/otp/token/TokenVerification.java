package com.phoneverify.otp.token;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import com.phoneverify.otp.algorithm.CodeFormat;
import com.phoneverify.otp.algorithm.HotpVerifier;
import com.phoneverify.otp.algorithm.Ocra;
import com.phoneverify.otp.algorithm.OcraVerifier;
import com.phoneverify.otp.algorithm.TotpVerifier;
import com.phoneverify.otp.algorithm.TransactionChallenge;
import com.phoneverify.otp.audit.AuditEntry;
import com.phoneverify.otp.audit.AuditTrail;
import com.phoneverify.otp.registry.DeviceStatus;
import com.phoneverify.otp.registry.InstitutionRegistry;
import com.phoneverify.otp.token.VerificationOutcome.Refused;
import com.phoneverify.otp.token.VerificationOutcome.Rejected;
import com.phoneverify.otp.token.VerificationOutcome.Verified;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Verifies codes: plain OTP (HOTP/TOTP), HOTP resynchronisation, and OCRA codes bound to
 * a transfer's recipient account and amount.
 *
 * <p>
 * One transaction per attempt, holding the customer's row lock: concurrent attempts on
 * one customer run one after the other, so the moving factor and the counters never lose
 * an update and a code is accepted once. The error count is the customer's (over all
 * tokens and kinds of verification) and, for a hardware device, the registry's (over all
 * institutions); the larger locks at {@code lockThreshold}. Only a success or an explicit
 * reset clears it: nothing here looks at how long ago the last failure was (privacyIDEA
 * issue 1578: a counter that clears itself lets an attacker guess for ever).
 */
public final class TokenVerification {

	private final Tokens tokens;

	private final InstitutionRegistry registry;

	private final AuditTrail audit;

	private final TransactionalOperator transactions;

	private final VerificationSettings settings;

	private final PinHasher pins;

	private final Clock clock;

	public TokenVerification(Tokens tokens, InstitutionRegistry registry, AuditTrail audit,
			TransactionalOperator transactions, VerificationSettings settings, PinHasher pins, Clock clock) {
		this.tokens = tokens;
		this.registry = registry;
		this.audit = audit;
		this.transactions = transactions;
		this.settings = settings;
		this.pins = pins;
		this.clock = clock;
	}

	/**
	 * Verifies a code of the customer's token of {@code kind}. A mobile OTP needs its
	 * PIN.
	 */
	public Mono<VerificationOutcome> verify(String customerKey, TokenKind kind, String code, @Nullable String pin,
			Caller caller) {
		return attempt(customerKey, kind, pin, caller, "VERIFY", (token) -> {
			Instant now = this.clock.instant();
			return matchOtp(token, code, now).stream().mapToObj(token::withMovingFactor).findFirst().orElse(null);
		}, token -> formatProblem(code, token.settings().digits()));
	}

	/**
	 * HOTP resynchronisation (RFC 4226 §7.4): two consecutive codes within the resync
	 * window. A failure counts like a wrong code.
	 */
	public Mono<VerificationOutcome> resynchronise(String customerKey, String first, String second, Caller caller) {
		return attempt(customerKey, TokenKind.HARDWARE, null, caller, "RESYNC", (token) -> {
			if (token.settings().timeBased()) {
				return null;
			}
			OptionalLong counter = hotp(token).resynchronise(token.secret(), token.movingFactor(), first, second);
			return counter.isPresent() ? token.withMovingFactor(counter.getAsLong() + 1) : null;
		}, (token) -> {
			VerificationOutcome problem = formatProblem(first, token.settings().digits());
			return (problem != null) ? problem : formatProblem(second, token.settings().digits());
		});
	}

	/**
	 * Verifies an OCRA code computed over the transfer's challenge (recipient account and
	 * amount, {@link TransactionChallenge}). The same error count applies.
	 */
	public Mono<VerificationOutcome> verifyTransfer(String customerKey, TokenKind kind, String recipientAccount,
			BigDecimal amount, String code, @Nullable String pin, Caller caller) {
		String challenge;
		try {
			challenge = TransactionChallenge.of(this.settings.transferSuite(), recipientAccount, amount);
		}
		catch (IllegalArgumentException ex) {
			return Mono.just(new Refused(OtpProblem.INVALID_REQUEST, ex.getMessage()));
		}
		OcraVerifier ocra = new OcraVerifier(this.settings.transferSuite(), this.settings.ocraDrift());
		return attempt(customerKey, kind, pin, caller, "VERIFY_TRANSFER", (token) -> {
			OptionalLong step = ocra.verify(token.secret(), this.clock.instant(), token.ocraLastStep(),
					Ocra.Input.challenge(challenge), code);
			return step.isPresent() ? token.withOcraLastStep(step.getAsLong()) : null;
		}, (token) -> formatProblem(code, this.settings.transferSuite().digits()));
	}

	private Mono<VerificationOutcome> attempt(String customerKey, TokenKind kind, @Nullable String pin, Caller caller,
			String operation, Function<Token, @Nullable Token> match,
			Function<Token, @Nullable VerificationOutcome> malformed) {
		Mono<VerificationOutcome> work = this.tokens.lockCustomer(customerKey)
			.flatMap((customer) -> this.tokens.liveToken(customerKey, kind)
				.flatMap((token) -> check(customer, token, pin, caller, operation, match, malformed)))
			.defaultIfEmpty(new Refused(OtpProblem.NO_TOKEN,
					"the customer has no " + kind.name().toLowerCase() + " OTP registered here"));
		return this.transactions.transactional(work);
	}

	private Mono<VerificationOutcome> check(Customer customer, Token token, @Nullable String pin, Caller caller,
			String operation, Function<Token, @Nullable Token> match,
			Function<Token, @Nullable VerificationOutcome> malformed) {
		Instant now = this.clock.instant();
		VerificationOutcome unusable = unusable(token, now);
		if (unusable != null) {
			return record(caller, operation, token, "REFUSED_" + ((Refused) unusable).problem()).thenReturn(unusable);
		}
		VerificationOutcome badFormat = malformed.apply(token);
		if (badFormat != null) {
			// a malformed code says nothing about the secret: not counted, not checked
			return Mono.just(badFormat);
		}
		return sharedFailures(token).flatMap((shared) -> {
			if (shared == UNKNOWN_AT_REGISTRY) {
				return record(caller, operation, token, "REFUSED_UNKNOWN_DEVICE").thenReturn(new Refused(
						OtpProblem.UNKNOWN_DEVICE, "the registry does not know device " + token.deviceLabel()));
			}
			if (shared.lost()) {
				return record(caller, operation, token, "REFUSED_LOST").thenReturn(new Refused(OtpProblem.TOKEN_LOST,
						"the device is reported lost at " + String.join(", ", shared.lostAt())));
			}
			int failures = Math.max(customer.failures(), shared.failures());
			if (failures >= this.settings.lockThreshold()) {
				return record(caller, operation, token, "REFUSED_LOCKED").thenReturn(locked(failures));
			}
			return checkPin(token, pin, caller, operation).flatMap((pinOutcome) -> (pinOutcome != NO_OUTCOME)
					? Mono.just(pinOutcome) : checkCode(customer, token, failures, caller, operation, match));
		});
	}

	private static final VerificationOutcome NO_OUTCOME = new Refused(OtpProblem.INVALID_REQUEST, "");

	private Mono<VerificationOutcome> checkCode(Customer customer, Token token, int failures, Caller caller,
			String operation, Function<Token, @Nullable Token> match) {
		Token advanced = match.apply(token);
		if (advanced != null) {
			Mono<Void> clearShared = (token.hardwareDevice() != null)
					? this.registry.clearFailures(token.hardwareDevice()) : Mono.empty();
			// most successes follow a success: no write (and no round trip) for a count
			// of 0
			Mono<Void> clearCustomer = (customer.failures() > 0) ? this.tokens.setFailures(customer.key(), 0)
					: Mono.empty();
			return this.tokens.update(advanced)
				.then(clearCustomer)
				.then(clearShared)
				.then(record(caller, operation, token, "VERIFIED"))
				.thenReturn(new Verified(token.id(), token.kind()));
		}
		Mono<Integer> sharedCount = (token.hardwareDevice() != null)
				? this.registry.recordFailure(token.hardwareDevice()) : Mono.just(0);
		int customerCount = customer.failures() + 1;
		return sharedCount.flatMap((shared) -> {
			int now = Math.max(Math.max(customerCount, shared), failures + 1);
			int remaining = Math.max(0, this.settings.lockThreshold() - now);
			return this.tokens.setFailures(customer.key(), customerCount)
				.then(record(caller, operation, token, (remaining == 0) ? "REJECTED_NOW_LOCKED" : "REJECTED"))
				.thenReturn(new Rejected(now, remaining));
		});
	}

	/** The mobile PIN; {@link #NO_OUTCOME} when it is right (or not needed). */
	private Mono<VerificationOutcome> checkPin(Token token, @Nullable String pin, Caller caller, String operation) {
		if (token.kind() != TokenKind.MOBILE) {
			return Mono.just(NO_OUTCOME);
		}
		if (pin == null || !pin.matches("[0-9]{6}") || token.pinHash() == null) {
			return Mono.just(new Refused(OtpProblem.INVALID_REQUEST, "a mobile OTP needs its 6-digit PIN"));
		}
		String stored = token.pinHash();
		return Mono.fromCallable(() -> this.pins.matches(pin, stored))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((right) -> {
				if (right) {
					return (token.pinFailures() == 0) ? Mono.just(NO_OUTCOME)
							: this.tokens.update(token.withPinFailures(0)).thenReturn(NO_OUTCOME);
				}
				int pinFailures = token.pinFailures() + 1;
				boolean unusable = pinFailures >= this.settings.pinAttempts();
				Token changed = token.withPinFailures(pinFailures);
				if (unusable) {
					changed = changed.withStatus(TokenStatus.UNUSABLE);
				}
				VerificationOutcome outcome = unusable
						? new Refused(OtpProblem.TOKEN_UNUSABLE,
								"PIN wrong " + pinFailures + " times in a row: the mobile OTP is unusable, reissue it")
						: new Refused(OtpProblem.WRONG_PIN, "wrong PIN (" + pinFailures + " of "
								+ this.settings.pinAttempts() + " consecutive errors allowed)");
				return this.tokens.update(changed)
					.then(record(caller, operation, token, unusable ? "PIN_REJECTED_NOW_UNUSABLE" : "PIN_REJECTED"))
					.thenReturn(outcome);
			});
	}

	private @Nullable VerificationOutcome unusable(Token token, Instant now) {
		return switch (token.status()) {
			case LOST -> new Refused(OtpProblem.TOKEN_LOST, "the device is reported lost");
			case UNUSABLE -> new Refused(OtpProblem.TOKEN_UNUSABLE,
					"the mobile OTP is unusable after too many PIN errors; reissue it");
			case ACTIVE -> (token.validUntil() != null && !now.isBefore(token.validUntil()))
					? new Refused(OtpProblem.TOKEN_EXPIRED, "the mobile OTP expired at " + token.validUntil()) : null;
			default -> new Refused(OtpProblem.NO_TOKEN, "the token is " + token.status().name().toLowerCase());
		};
	}

	private Mono<DeviceStatus> sharedFailures(Token token) {
		if (token.hardwareDevice() == null) {
			return Mono.just(new DeviceStatus(Set.of(), 0, Set.of(), false));
		}
		return this.registry.status(token.hardwareDevice())
			.onErrorReturn(InstitutionRegistry.UnknownDeviceException.class, UNKNOWN_AT_REGISTRY);
	}

	/**
	 * The registry's answer for a device it does not know (registered here, lost there).
	 */
	private static final DeviceStatus UNKNOWN_AT_REGISTRY = new DeviceStatus(Set.of(), 0, Set.of(), false);

	private Refused locked(int failures) {
		return new Refused(OtpProblem.TOKEN_LOCKED,
				failures + " consecutive errors (limit " + this.settings.lockThreshold()
						+ "): reset the error count at a branch or online; waiting does not unlock");
	}

	private static @Nullable VerificationOutcome formatProblem(String code, int digits) {
		return CodeFormat.problemOf(code, digits).<VerificationOutcome>map((problem) -> switch (problem) {
			case WRONG_LENGTH -> new Refused(OtpProblem.WRONG_LENGTH, "the code must have " + digits + " digits");
			case NOT_DIGITS -> new Refused(OtpProblem.NOT_DIGITS, "the code must be digits 0-9 only");
		}).orElse(null);
	}

	private OptionalLong matchOtp(Token token, String code, Instant now) {
		CodeSettings s = token.settings();
		if (s.timeBased()) {
			TotpVerifier totp = new TotpVerifier(s.digits(), s.algorithm(), Duration.ofSeconds(s.stepSeconds()),
					this.settings.totpDrift());
			return totp.verify(token.secret(), now, token.movingFactor(), code);
		}
		OptionalLong counter = hotp(token).verify(token.secret(), token.movingFactor(), code);
		return counter.isPresent() ? OptionalLong.of(counter.getAsLong() + 1) : counter;
	}

	private HotpVerifier hotp(Token token) {
		return new HotpVerifier(token.settings().digits(), token.settings().algorithm(), this.settings.hotpLookAhead(),
				this.settings.hotpResyncWindow());
	}

	private Mono<Void> record(Caller caller, String operation, Token token, String outcome) {
		return this.audit.append(new AuditEntry(this.clock.instant(), caller.merchant(), caller.actor(),
				caller.channel(), operation, outcome, token.customerKey(), token.id(), token.deviceLabel()));
	}

}
