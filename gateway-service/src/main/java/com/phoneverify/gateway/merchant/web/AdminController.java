package com.phoneverify.gateway.merchant.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local administration API: {@code POST /admin/v1/merchants} with
 * {@code Authorization: Bearer <gateway.admin.token>}. Answers 404 when no token is
 * configured.
 */
@RestController
class AdminController {

	private final MerchantDirectory merchants;

	private final byte @Nullable [] token;

	AdminController(MerchantDirectory merchants, GatewayProperties properties) {
		this.merchants = merchants;
		String configured = properties.admin().token();
		this.token = (configured == null || configured.isBlank()) ? null
				: ("Bearer " + configured).getBytes(StandardCharsets.UTF_8);
	}

	@PostMapping(path = "/admin/v1/merchants", consumes = "application/json", produces = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<CreatedMerchant> create(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody CreateMerchantRequest request) {
		if (this.token == null) {
			return Mono.error(ApiProblem.notFound("the admin API is disabled (gateway.admin.token is not set)"));
		}
		if (authorization == null
				|| !MessageDigest.isEqual(this.token, authorization.getBytes(StandardCharsets.UTF_8))) {
			return Mono.error(new ApiProblem(HttpStatus.UNAUTHORIZED, "admin-unauthorized", "Unauthorized",
					"the admin API needs Authorization: Bearer <gateway.admin.token>"));
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

	record CreateMerchantRequest(@Nullable String merchantId, @Nullable String name) {
	}

	/** The response, with the secrets shown this once. */
	record CreatedMerchant(String merchantId, String name, String keyId, String secret, String webhookSecret,
			Instant createdAt) {
	}

}
