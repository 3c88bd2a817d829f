package com.phoneverify.transfer.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.consent.OtpInput;
import com.phoneverify.transfer.consent.Purpose;
import com.phoneverify.transfer.consent.Transfer;
import com.phoneverify.transfer.consent.TransferMode;
import com.phoneverify.transfer.consent.TransferRefusedException;
import com.phoneverify.transfer.consent.TransferRefusedException.Kind;
import com.phoneverify.transfer.consent.TransferRequest;
import com.phoneverify.transfer.ledger.AccountNumber;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the API and their translation to and from the domain. */
final class TransferJson {

	private static final int MAX_CONDITIONS = 200;

	private TransferJson() {
	}

	/** Body of {@code POST /v1/transfers}; every field checked by {@link #toRequest}. */
	record CreateTransfer(@Nullable String fromAccount, @Nullable String password, @Nullable Long amount,
			@Nullable String toBank, @Nullable String toAccount, @Nullable String recipientPhone, @Nullable String mode,
			@Nullable PurposeJson purpose, @Nullable Boolean acceptCloseMatch, @Nullable OtpJson otp) {
	}

	/**
	 * The remitter's OTP: {@code tokenKind} {@code HARDWARE} or {@code MOBILE} (with its
	 * {@code pin}), the code computed over the recipient account and the amount.
	 */
	record OtpJson(@Nullable String realNameId, @Nullable String tokenKind, @Nullable String code,
			@Nullable String pin) {
	}

	record PurposeJson(@Nullable String type, @Nullable String repaymentDate, @Nullable String conditions) {
	}

	/** Body of {@code POST /v1/transfers/{id}/cancel}. */
	record Cancel(@Nullable String password) {
	}

	/** Body of {@code POST /v1/accounts}. */
	record OpenAccount(@Nullable String accountNumber, @Nullable String holderName, @Nullable String phone,
			@Nullable String password, @Nullable Long openingBalance) {
	}

	static TransferRequest toRequest(CreateTransfer body) {
		AccountNumber from = account(body.fromAccount(), "fromAccount");
		AccountNumber to = account(body.toAccount(), "toAccount");
		String password = required(body.password(), "password");
		if (body.amount() == null) {
			throw invalid("amount", "amount is required (whole won)");
		}
		if (body.amount() <= 0) {
			throw invalid("amount", "amount must be positive");
		}
		String toBank = required(body.toBank(), "toBank");
		TransferMode mode = mode(body.mode());
		PhoneNumber phone = null;
		if (mode.needsConsent()) {
			phone = phone(body.recipientPhone(), "recipientPhone");
		}
		else if (body.recipientPhone() != null) {
			phone = phone(body.recipientPhone(), "recipientPhone");
		}
		Purpose purpose = purpose(mode, body.purpose());
		return new TransferRequest(from, password, body.amount(), toBank, to, phone, mode, purpose,
				Boolean.TRUE.equals(body.acceptCloseMatch()), null, otp(body.otp()));
	}

	/**
	 * Checked for presence only: otp-service judges the rest (and says why it refused).
	 */
	private static @Nullable OtpInput otp(@Nullable OtpJson json) {
		if (json == null) {
			return null;
		}
		String realNameId = required(json.realNameId(), "otp.realNameId");
		String code = required(json.code(), "otp.code");
		String kindText = required(json.tokenKind(), "otp.tokenKind");
		OtpTokenKind kind;
		try {
			kind = OtpTokenKind.valueOf(kindText.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("otp.tokenKind", "otp.tokenKind must be HARDWARE or MOBILE");
		}
		if (kind == OtpTokenKind.MOBILE && json.pin() == null) {
			throw invalid("otp.pin", "a MOBILE otp needs its pin");
		}
		return new OtpInput(realNameId, kind, code, (kind == OtpTokenKind.MOBILE) ? json.pin() : null);
	}

	private static TransferMode mode(@Nullable String text) {
		if (text == null) {
			throw invalid("mode", "mode is required: NORMAL, PHISHING_GUARD or MUTUAL_CONSENT");
		}
		try {
			return TransferMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("mode", "mode must be NORMAL, PHISHING_GUARD or MUTUAL_CONSENT");
		}
	}

	private static @Nullable Purpose purpose(TransferMode mode, @Nullable PurposeJson json) {
		if (mode != TransferMode.MUTUAL_CONSENT) {
			if (json != null) {
				throw invalid("purpose", "only a MUTUAL_CONSENT transfer has a purpose");
			}
			return null;
		}
		if (json == null || json.type() == null) {
			throw invalid("purpose", "a MUTUAL_CONSENT transfer needs purpose.type: LOAN, CONTRACT or TRADE");
		}
		Purpose.Type type;
		try {
			type = Purpose.Type.valueOf(json.type().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("purpose.type", "purpose.type must be LOAN, CONTRACT or TRADE");
		}
		LocalDate repayment = null;
		if (json.repaymentDate() != null) {
			if (type != Purpose.Type.LOAN) {
				throw invalid("purpose.repaymentDate", "only a LOAN has a repayment date");
			}
			try {
				repayment = LocalDate.parse(json.repaymentDate());
			}
			catch (DateTimeParseException ex) {
				throw invalid("purpose.repaymentDate", "purpose.repaymentDate must be a date (YYYY-MM-DD)");
			}
		}
		else if (type == Purpose.Type.LOAN) {
			throw invalid("purpose.repaymentDate", "a LOAN needs purpose.repaymentDate (YYYY-MM-DD)");
		}
		String conditions = json.conditions();
		if (conditions != null && conditions.length() > MAX_CONDITIONS) {
			throw invalid("purpose.conditions", "purpose.conditions has at most " + MAX_CONDITIONS + " characters");
		}
		return new Purpose(type, repayment, conditions);
	}

	static AccountNumber account(@Nullable String text, String field) {
		try {
			return AccountNumber.parse(required(text, field));
		}
		catch (AccountNumber.InvalidAccountNumberException ex) {
			throw invalid(field, field + " " + ex.getMessage());
		}
	}

	static PhoneNumber phone(@Nullable String text, String field) {
		try {
			return PhoneNumber.parse(required(text, field));
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			throw invalid(field, field + " " + ex.getMessage());
		}
	}

	static String required(@Nullable String text, String field) {
		if (text == null || text.isBlank()) {
			throw invalid(field, field + " is required");
		}
		return text;
	}

	static TransferRefusedException invalid(String field, String detail) {
		return new TransferRefusedException(Kind.INVALID_REQUEST, field, detail);
	}

	/**
	 * A transfer as the API shows it: numbers masked, the state in the service's words
	 * and in the suite's one status vocabulary.
	 */
	static Map<String, Object> view(Transfer t) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", t.id().toString());
		view.put("state", t.state().name().toLowerCase(Locale.ROOT));
		view.put("status", status(t));
		view.put("reason", t.reason());
		view.put("mode", t.mode().name());
		view.put("amount", t.amount());
		view.put("currency", "KRW");
		view.put("fromAccount", t.from().masked());
		view.put("toBank", t.toBank());
		view.put("toAccount", t.to().masked());
		view.put("recipientPhone", (t.recipientPhone() != null) ? t.recipientPhone().masked() : null);
		if (t.purpose() != null) {
			Map<String, Object> purpose = new LinkedHashMap<>();
			purpose.put("type", t.purpose().type().name());
			purpose.put("repaymentDate",
					(t.purpose().repaymentDate() != null) ? t.purpose().repaymentDate().toString() : null);
			purpose.put("conditions", t.purpose().conditions());
			view.put("purpose", purpose);
		}
		if (t.nameCheck() != null) {
			Map<String, Object> nameCheck = new LinkedHashMap<>();
			nameCheck.put("result", t.nameCheck().result().name());
			nameCheck.put("telcoNameMasked", t.nameCheck().telcoNameMasked());
			view.put("nameCheck", nameCheck);
		}
		view.put("wrongCodes", t.wrongCodes());
		view.put("requestedAt", text(t.requestedAt()));
		view.put("expiresAt", text(t.expiresAt()));
		view.put("repliedAt", text(t.repliedAt()));
		view.put("finishedAt", text(t.finishedAt()));
		return view;
	}

	/** The suite's status vocabulary (contracts' {@code VerificationStatus} names). */
	static String status(Transfer t) {
		return switch (t.state()) {
			case AWAITING_OTP, AWAITING_CONSENT -> "pending";
			case EXECUTED -> "approved";
			case DECLINED -> "denied";
			case EXPIRED -> "expired";
			case CANCELED -> "canceled";
			case FAILED -> "max_wrong_codes".equals(t.reason()) ? "max_attempts_reached" : "failed";
		};
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
