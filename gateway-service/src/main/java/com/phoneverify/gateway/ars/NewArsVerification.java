package com.phoneverify.gateway.ars;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.Problem.FieldProblem;
import com.phoneverify.gateway.webhook.CallbackAddresses;
import org.jspecify.annotations.Nullable;

/**
 * A valid request for a new ARS verification.
 *
 * @param callbackUrl where the signed webhook goes; null for none
 */
public record NewArsVerification(ArsScenario scenario, PhoneNumber phone, int codeLength, Duration expiresIn,
		@Nullable String callbackUrl) {

	static final int MIN_CODE_LENGTH = 4;

	static final int MAX_CODE_LENGTH = 8;

	static final int MAX_CALLBACK_URL_LENGTH = 2048;

	/**
	 * Validates every field of a request and reports all that are wrong at once.
	 * @throws ApiProblem 400 with one entry per bad field
	 */
	public static NewArsVerification from(CreateArsVerificationRequest request, GatewayProperties.Verification limits) {
		List<FieldProblem> errors = new ArrayList<>();
		@Nullable ArsScenario scenario = null;
		if (request.type() == null) {
			errors.add(new FieldProblem("type", "is required: A, B or C"));
		}
		else {
			switch (request.type()) {
				case "A" -> scenario = ArsScenario.A;
				case "B" -> scenario = ArsScenario.B;
				case "C" -> scenario = ArsScenario.C;
				default -> errors.add(new FieldProblem("type", "must be A, B or C"
						+ (request.type().length() == 1 ? " (the others are not available yet)" : "")));
			}
		}
		@Nullable PhoneNumber phone = null;
		try {
			phone = PhoneNumber.parse(request.phone());
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			errors.add(new FieldProblem("phone", ex.getMessage()));
		}
		int codeLength = (request.codeLength() != null) ? request.codeLength() : limits.defaultCodeLength();
		if (codeLength < MIN_CODE_LENGTH || codeLength > MAX_CODE_LENGTH) {
			errors.add(new FieldProblem("codeLength",
					"must be between " + MIN_CODE_LENGTH + " and " + MAX_CODE_LENGTH + " digits"));
		}
		Duration expiresIn = (request.expiresInSeconds() != null) ? Duration.ofSeconds(request.expiresInSeconds())
				: limits.defaultExpiry();
		if (expiresIn.compareTo(limits.minExpiry()) < 0 || expiresIn.compareTo(limits.maxExpiry()) > 0) {
			errors.add(new FieldProblem("expiresInSeconds", "must be between " + limits.minExpiry().toSeconds()
					+ " and " + limits.maxExpiry().toSeconds() + " seconds"));
		}
		String callbackUrl = request.callbackUrl();
		if (callbackUrl != null) {
			String problem = callbackUrlProblem(callbackUrl, limits.allowLocalHttpCallbacks());
			if (problem != null) {
				errors.add(new FieldProblem("callbackUrl", problem));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalidRequest(errors);
		}
		return new NewArsVerification(scenario, phone, codeLength, expiresIn, callbackUrl);
	}

	/** What is wrong with a callback URL, or null when it is fine. */
	static @Nullable String callbackUrlProblem(String url, boolean allowLocalHttp) {
		if (url.length() > MAX_CALLBACK_URL_LENGTH) {
			return "must be at most " + MAX_CALLBACK_URL_LENGTH + " characters";
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		String host = uri.getHost();
		if (scheme == null || host == null || !uri.isAbsolute() || uri.isOpaque()) {
			return "must be an absolute https URL";
		}
		if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			return "must not contain user info or a fragment";
		}
		if (CallbackAddresses.hasZoneId(host)) {
			// a zone names an interface of the gateway's host: never a callback, even
			// locally
			return "must not contain an IPv6 zone id";
		}
		if (scheme.equals("https")) {
			return allowLocalHttp ? null : CallbackAddresses.refusal(uri);
		}
		boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
		if (scheme.equals("http") && local && allowLocalHttp) {
			return null;
		}
		return "must be https (http only for localhost in development)";
	}

}
