package com.phoneverify.gateway.transfer;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.transfer.TransferMode;
import com.phoneverify.contracts.transfer.TransferPurpose;
import com.phoneverify.gateway.web.Problem.FieldProblem;
import com.phoneverify.gateway.webhook.CallbackAddresses;
import org.jspecify.annotations.Nullable;

/**
 * A merchant's transfer request, every field checked: what the gateway can tell without
 * the bank's ledger. Whether the accounts exist, the password is right and the money is
 * there, transfer-consent-service decides; the verification then ends as {@code failed}
 * with the reason.
 *
 * @param amount in won
 * @param recipientPhone required unless the mode is normal
 * @param purpose mutual consent only; a loan needs its repayment date
 * @param expiresIn how long the recipient has to answer: 1 to 30 minutes, default 10
 * @param otp the remitter's OTP, for transfers the bank requires it for (checked by
 * otp-service through transfer-consent-service)
 */
public record NewTransfer(TransferMode mode, String fromAccount, String password, long amount, String toBank,
		String toAccount, @Nullable PhoneNumber recipientPhone, @Nullable TransferPurpose purpose,
		@Nullable LocalDate repaymentDate, @Nullable String conditions, boolean acceptCloseMatch, Duration expiresIn,
		@Nullable String callbackUrl, @Nullable Otp otp) {

	/**
	 * The remitter's OTP: the code their token computed over the recipient account and
	 * the amount.
	 */
	public record Otp(OtpTokenKind tokenKind, String realNameId, String code, @Nullable String pin) {

		@Override
		public String toString() {
			return "Otp[" + this.tokenKind + "]";
		}

	}

	/** {@code otp} of the JSON body. */
	public record OtpBody(@Nullable String tokenKind, @Nullable String realNameId, @Nullable String code,
			@Nullable String pin) {
	}

	/** The largest amount the API accepts; the bank's own limit may be lower. */
	public static final long MAX_AMOUNT = 1_000_000_000L;

	private static final Pattern ACCOUNT = Pattern.compile("[0-9]{10,14}");

	private static final Pattern BANK = Pattern.compile("[0-9]{3}");

	/** The JSON body of {@code POST /v1/transfers}. */
	public record Request(@Nullable String mode, @Nullable String fromAccount, @Nullable String password,
			@Nullable Long amount, @Nullable String toBank, @Nullable String toAccount, @Nullable String recipientPhone,
			@Nullable Purpose purpose, @Nullable Boolean acceptCloseMatch, @Nullable Integer expiresInSeconds,
			@Nullable String callbackUrl, @Nullable OtpBody otp) {
	}

	/** {@code purpose} of the JSON body. */
	public record Purpose(@Nullable String type, @Nullable String repaymentDate, @Nullable String conditions) {
	}

	/**
	 * @throws com.phoneverify.gateway.web.ApiProblem (400) listing every field at fault
	 */
	public static NewTransfer from(Request request, boolean allowLocalHttpCallbacks) {
		List<FieldProblem> errors = new ArrayList<>();
		TransferMode mode = null;
		if (request.mode() == null) {
			errors.add(new FieldProblem("mode", "is required: NORMAL, PHISHING_GUARD or MUTUAL_CONSENT"));
		}
		else {
			try {
				mode = TransferMode.valueOf(request.mode().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldProblem("mode", "must be NORMAL, PHISHING_GUARD or MUTUAL_CONSENT"));
			}
		}
		String from = account(request.fromAccount(), "fromAccount", errors);
		String to = account(request.toAccount(), "toAccount", errors);
		if (request.password() == null || request.password().isEmpty() || request.password().length() > 128) {
			errors.add(new FieldProblem("password", "is required (the remitting account's password)"));
		}
		long amount = (request.amount() != null) ? request.amount() : 0;
		if (request.amount() == null || amount <= 0 || amount > MAX_AMOUNT) {
			errors.add(new FieldProblem("amount", "must be whole won from 1 to " + MAX_AMOUNT));
		}
		if (request.toBank() == null || !BANK.matcher(request.toBank()).matches()) {
			errors.add(new FieldProblem("toBank", "must be a three-digit bank code"));
		}
		PhoneNumber phone = null;
		if (request.recipientPhone() != null) {
			try {
				phone = PhoneNumber.parse(request.recipientPhone());
			}
			catch (PhoneNumber.InvalidPhoneNumberException ex) {
				errors.add(new FieldProblem("recipientPhone", ex.getMessage()));
			}
		}
		else if (mode != null && mode != TransferMode.NORMAL) {
			errors.add(new FieldProblem("recipientPhone", "is required: the recipient confirms from this phone"));
		}
		TransferPurpose purpose = null;
		LocalDate repayment = null;
		String conditions = null;
		Purpose body = request.purpose();
		if (mode == TransferMode.MUTUAL_CONSENT) {
			if (body == null || body.type() == null) {
				errors.add(new FieldProblem("purpose.type", "is required for MUTUAL_CONSENT: LOAN, CONTRACT or TRADE"));
			}
			else {
				try {
					purpose = TransferPurpose.valueOf(body.type().strip().toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					errors.add(new FieldProblem("purpose.type", "must be LOAN, CONTRACT or TRADE"));
				}
				if (body.repaymentDate() != null) {
					try {
						repayment = LocalDate.parse(body.repaymentDate());
					}
					catch (DateTimeParseException ex) {
						errors.add(new FieldProblem("purpose.repaymentDate", "must be a date (YYYY-MM-DD)"));
					}
				}
				if ((purpose == TransferPurpose.LOAN) != (body.repaymentDate() != null) && purpose != null) {
					errors.add(new FieldProblem("purpose.repaymentDate", "a LOAN needs one; only a LOAN has one"));
				}
				conditions = body.conditions();
				if (conditions != null && conditions.length() > 200) {
					errors.add(new FieldProblem("purpose.conditions", "must be at most 200 characters"));
				}
			}
		}
		else if (body != null) {
			errors.add(new FieldProblem("purpose", "only a MUTUAL_CONSENT transfer has a purpose"));
		}
		int expiresIn = (request.expiresInSeconds() != null) ? request.expiresInSeconds() : 600;
		if (expiresIn < 60 || expiresIn > 1800) {
			errors.add(new FieldProblem("expiresInSeconds", "must be from 60 to 1800"));
		}
		String callbackUrl = request.callbackUrl();
		if (callbackUrl != null) {
			String problem = callbackUrlProblem(callbackUrl, allowLocalHttpCallbacks);
			if (problem != null) {
				errors.add(new FieldProblem("callbackUrl", problem));
			}
		}
		Otp otp = otp(request.otp(), errors);
		if (!errors.isEmpty()) {
			throw com.phoneverify.gateway.web.ApiProblem.invalidRequest(errors);
		}
		return new NewTransfer(mode, from, request.password(), amount, request.toBank(), to, phone, purpose, repayment,
				conditions, Boolean.TRUE.equals(request.acceptCloseMatch()), Duration.ofSeconds(expiresIn), callbackUrl,
				otp);
	}

	/** Presence and size only: otp-service judges the code and says why it refused. */
	private static @Nullable Otp otp(@Nullable OtpBody body, List<FieldProblem> errors) {
		if (body == null) {
			return null;
		}
		OtpTokenKind kind = null;
		if (body.tokenKind() == null) {
			errors.add(new FieldProblem("otp.tokenKind", "is required: HARDWARE or MOBILE"));
		}
		else {
			try {
				kind = OtpTokenKind.valueOf(body.tokenKind().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldProblem("otp.tokenKind", "must be HARDWARE or MOBILE"));
			}
		}
		if (body.realNameId() == null || body.realNameId().isBlank() || body.realNameId().length() > 32) {
			errors.add(new FieldProblem("otp.realNameId", "is required (the remitter's real-name id)"));
		}
		if (body.code() == null || body.code().isBlank() || body.code().length() > 16) {
			errors.add(new FieldProblem("otp.code", "is required (the code the remitter's OTP shows)"));
		}
		if (kind == OtpTokenKind.MOBILE && (body.pin() == null || body.pin().isBlank())) {
			errors.add(new FieldProblem("otp.pin", "is required for a MOBILE otp"));
		}
		if (kind == null || body.realNameId() == null || body.code() == null) {
			return null;
		}
		return new Otp(kind, body.realNameId(), body.code(), (kind == OtpTokenKind.MOBILE) ? body.pin() : null);
	}

	private static String account(@Nullable String text, String field, List<FieldProblem> errors) {
		String digits = (text != null) ? text.strip().replace("-", "") : "";
		if (!ACCOUNT.matcher(digits).matches()) {
			errors.add(new FieldProblem(field, "must be 10 to 14 digits (hyphens allowed)"));
		}
		return digits;
	}

	/** Account numbers as the API shows them: the last four digits. */
	static String maskAccount(String digits) {
		return "*".repeat(Math.max(0, digits.length() - 4)) + digits.substring(Math.max(0, digits.length() - 4));
	}

	/**
	 * The same rule as every product's callback (https; http only locally in
	 * development).
	 */
	private static @Nullable String callbackUrlProblem(String url, boolean allowLocalHttp) {
		if (url.length() > 2048) {
			return "must be at most 2048 characters";
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
		if (scheme == null || host == null || !uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null || CallbackAddresses.hasZoneId(host)) {
			return "must be an absolute https URL without user info, fragment or zone id";
		}
		if (scheme.equals("https")) {
			return allowLocalHttp ? null : CallbackAddresses.refusal(uri);
		}
		boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
		return (scheme.equals("http") && local && allowLocalHttp) ? null
				: "must be https (http only for localhost in development)";
	}

}
