package com.phoneverify.otp.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.phoneverify.otp.audit.AuditEntry;
import com.phoneverify.otp.audit.AuditTrail;
import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.InstitutionRegistry;
import com.phoneverify.otp.token.Customer;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import com.phoneverify.otp.token.Tokens;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Read-only views; no secret, PIN hash or moving factor leaves here. */
public final class Inquiries {

	private final Tokens tokens;

	private final InstitutionRegistry registry;

	private final AuditTrail audit;

	public Inquiries(Tokens tokens, InstitutionRegistry registry, AuditTrail audit) {
		this.tokens = tokens;
		this.registry = registry;
		this.audit = audit;
	}

	/** One token as inquiries show it. */
	public record TokenView(UUID id, TokenKind kind, String device, TokenStatus status,
			@Nullable LocalDate warrantyFrom, @Nullable LocalDate warrantyUntil, @Nullable Instant validUntil,
			Instant createdAt) {

		static TokenView of(Token token) {
			return new TokenView(token.id(), token.kind(), token.deviceLabel(), token.status(), token.warrantyFrom(),
					token.warrantyUntil(), token.validUntil(), token.createdAt());
		}

	}

	/** 고객별리스트: the customer's tokens, newest first, and their error count. */
	public record CustomerTokens(int failures, boolean securityCard, List<TokenView> tokens) {
	}

	/** 기기별 오류횟수: the shared error count and the customer's. */
	public record DeviceErrors(DeviceId device, int sharedFailures, int customerFailures, boolean lost,
			Set<String> lostAt) {
	}

	public Mono<CustomerTokens> tokensOf(String customerKey) {
		return this.tokens.findCustomer(customerKey)
			.flatMap((customer) -> this.tokens.tokensOf(customerKey)
				.map(TokenView::of)
				.collectList()
				.map((views) -> new CustomerTokens(customer.failures(), customer.securityCard(), views)))
			.defaultIfEmpty(new CustomerTokens(0, false, List.of()));
	}

	/**
	 * 기기별 이용등록 기관내역: every institution that registered the device (codes only, as the
	 * seed's screen shows them).
	 * @throws OtpRefusal {@link OtpProblem#DEVICE_NOT_FOUND} unless {@code merchant} has
	 * or had the device registered
	 */
	public Mono<Set<String>> institutionsOf(DeviceId device, String merchant) {
		return registrationsBy(merchant, device).then(this.registry.status(device))
			.map((status) -> status.institutions());
	}

	/**
	 * 기기별이력: the audit lines of the device written for {@code merchant}, oldest first.
	 * @throws OtpRefusal {@link OtpProblem#DEVICE_NOT_FOUND} unless {@code merchant} has
	 * or had the device registered
	 */
	public Mono<List<AuditEntry>> historyOf(DeviceId device, String merchant) {
		return registrationsBy(merchant, device)
			.then(this.audit.historyOfDevice(device.toString(), merchant).collectList());
	}

	/**
	 * 기기별 오류횟수: the device's shared count (the same at every registering institution) and
	 * the count of the customer holding it now if that is {@code merchant}'s customer,
	 * else 0.
	 * @throws OtpRefusal {@link OtpProblem#DEVICE_NOT_FOUND} unless {@code merchant} has
	 * or had the device registered
	 */
	public Mono<DeviceErrors> errorsOf(DeviceId device, String merchant) {
		return registrationsBy(merchant, device).flatMap((own) -> {
			Mono<Integer> customerFailures = this.tokens.liveHardware(device)
				.filter((token) -> own.contains(token.id()))
				.flatMap((token) -> this.tokens.findCustomer(token.customerKey()))
				.map(Customer::failures)
				.defaultIfEmpty(0);
			return this.registry.status(device)
				.zipWith(customerFailures, (status, customer) -> new DeviceErrors(device, status.failures(), customer,
						status.lost(), status.lostAt()));
		});
	}

	/**
	 * The tokens {@code merchant} registered for {@code device}; refused exactly as an
	 * unknown device when there are none, so the answer tells nothing about other
	 * merchants' registrations.
	 */
	private Mono<Set<UUID>> registrationsBy(String merchant, DeviceId device) {
		return this.audit.registrationsOfDevice(device.toString(), merchant)
			.collect(Collectors.toUnmodifiableSet())
			.filter((own) -> !own.isEmpty())
			.switchIfEmpty(Mono.error(() -> new OtpRefusal(OtpProblem.DEVICE_NOT_FOUND,
					"no OTP device " + device + " is or was registered for this merchant's customers")));
	}

}
