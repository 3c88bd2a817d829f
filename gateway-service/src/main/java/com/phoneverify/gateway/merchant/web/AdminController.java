package com.phoneverify.gateway.merchant.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.merchant.MerchantAlreadyExistsException;
import com.phoneverify.gateway.merchant.MerchantDirectory;
import com.phoneverify.gateway.merchant.NewMerchant;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.Problem.FieldProblem;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local administration API, with {@code Authorization: Bearer <gateway.admin.token>}:
 * {@code POST /admin/v1/merchants} creates a merchant with its first API key, {@code POST
 * /admin/v1/merchants/{id}/keys} issues another, {@code POST
 * /admin/v1/merchants/{id}/keys/{keyId}/revoke} revokes one. Answers 404 when no token is
 * configured. A client address that sends {@code gateway.admin.max-failures} wrong tokens
 * within {@code gateway.admin.lockout} is refused with 429 {@code admin-locked-out} and
 * {@code Retry-After}, even with the right token, until the lockout passes.
 */
@RestController
class AdminController {

	private final MerchantDirectory merchants;

	private final byte @Nullable [] token;

	private final AdminLockout lockout;

	private final Clock clock;

	AdminController(MerchantDirectory merchants, GatewayProperties properties, Clock clock) {
		this.merchants = merchants;
		this.clock = clock;
		this.lockout = new AdminLockout(properties.admin().maxFailures(), properties.admin().lockout());
		String configured = properties.admin().token();
		this.token = (configured == null || configured.isBlank()) ? null
				: ("Bearer " + configured).getBytes(StandardCharsets.UTF_8);
	}

	@PostMapping(path = "/admin/v1/merchants", consumes = "application/json", produces = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<CreatedMerchant> create(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody CreateMerchantRequest request, ServerHttpRequest http, ServerHttpResponse response) {
		ApiProblem refused = refusal(authorization, http, response);
		if (refused != null) {
			return Mono.error(refused);
		}
		List<FieldProblem> errors = new ArrayList<>();
		@Nullable MerchantId id = null;
		try {
			id = MerchantId.of(request.merchantId());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldProblem("merchantId", ex.getMessage()));
		}
		String name = request.name();
		if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
			errors.add(new FieldProblem("name", "must be 1-200 printable characters"));
		}
		if (!errors.isEmpty()) {
			return Mono.error(ApiProblem.invalidRequest(errors));
		}
		MerchantId merchantId = id;
		return this.merchants.create(merchantId, name.strip())
			.map((created) -> new CreatedMerchant(created.merchantId().value(), created.name(), created.keyId(),
					created.secret(), created.webhookSecret(), created.createdAt()))
			.onErrorMap(MerchantAlreadyExistsException.class,
					(ex) -> new ApiProblem(HttpStatus.CONFLICT, "merchant-exists", "Merchant exists", ex.getMessage()));
	}

	/** Issues another API key to a merchant; its secret is shown this once. */
	@PostMapping(path = "/admin/v1/merchants/{merchantId}/keys", produces = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<IssuedKey> issueKey(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable String merchantId, ServerHttpRequest http, ServerHttpResponse response) {
		ApiProblem refused = refusal(authorization, http, response);
		if (refused != null) {
			return Mono.error(refused);
		}
		return merchant(merchantId).flatMap((id) -> this.merchants.issueKey(id)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("no merchant " + id)))
			.map((key) -> new IssuedKey(key.merchantId().value(), key.keyId(), key.secret(), key.createdAt())));
	}

	/**
	 * Revokes a merchant's API key: refused by this instance at once and by every other
	 * within {@code gateway.credentials.revocation-check-interval}. Revoking twice
	 * answers the first revocation's time.
	 */
	@PostMapping(path = "/admin/v1/merchants/{merchantId}/keys/{keyId}/revoke", produces = "application/json")
	Mono<RevokedKey> revokeKey(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable String merchantId, @PathVariable String keyId, ServerHttpRequest http,
			ServerHttpResponse response) {
		ApiProblem refused = refusal(authorization, http, response);
		if (refused != null) {
			return Mono.error(refused);
		}
		return merchant(merchantId).flatMap((id) -> this.merchants.revoke(id, keyId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("merchant " + id + " has no key " + keyId)))
			.map((revokedAt) -> new RevokedKey(id.value(), keyId, revokedAt)));
	}

	/** Why the request may not use the admin API, or null when it may. */
	private @Nullable ApiProblem refusal(@Nullable String authorization, ServerHttpRequest http,
			ServerHttpResponse response) {
		if (this.token == null) {
			return ApiProblem.notFound("the admin API is disabled (gateway.admin.token is not set)");
		}
		String client = clientAddress(http);
		Instant now = this.clock.instant();
		Duration locked = this.lockout.lockedFor(client, now);
		if (locked != null) {
			return lockedOut(response, locked);
		}
		// constant time, whatever the token
		boolean right = authorization != null
				&& MessageDigest.isEqual(this.token, authorization.getBytes(StandardCharsets.UTF_8));
		if (!right) {
			this.lockout.failed(client, now);
			return new ApiProblem(HttpStatus.UNAUTHORIZED, "admin-unauthorized", "Unauthorized",
					"the admin API needs Authorization: Bearer <gateway.admin.token>");
		}
		this.lockout.succeeded(client);
		return null;
	}

	private static Mono<MerchantId> merchant(String merchantId) {
		try {
			return Mono.just(MerchantId.of(merchantId));
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ApiProblem.invalidRequest(List.of(new FieldProblem("merchantId", ex.getMessage()))));
		}
	}

	private static String clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	private static ApiProblem lockedOut(ServerHttpResponse response, Duration locked) {
		long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "admin-locked-out", "Locked out",
				"too many wrong admin tokens from this address; retry after " + seconds + " s");
	}

	record CreateMerchantRequest(@Nullable String merchantId, @Nullable String name) {
	}

	/** A new API key, with its secret shown this once. */
	record IssuedKey(String merchantId, String keyId, String secret, Instant createdAt) {
	}

	record RevokedKey(String merchantId, String keyId, Instant revokedAt) {
	}

	/** The response, with the secrets shown this once. */
	record CreatedMerchant(String merchantId, String name, String keyId, String secret, String webhookSecret,
			Instant createdAt) {
	}

}
