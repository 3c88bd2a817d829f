package com.phoneverify.transfer.web;

import java.net.URI;

import com.phoneverify.transfer.consent.TelcoNameCheck;
import com.phoneverify.transfer.consent.TransferRefusedException;
import com.phoneverify.transfer.ledger.Ledger;
import com.phoneverify.transfer.ledger.RemitterAuthentication;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal as an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code type}, a detail saying what is wrong (never echoing a number or password) and,
 * where one field is at fault, its name in {@code field}.
 */
@RestControllerAdvice
class Problems {

	static final String TYPE_BASE = "https://phoneverify.example/problems/transfer/";

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(TransferRefusedException ex) {
		HttpStatus status = switch (ex.kind()) {
			case INVALID_REQUEST, AMOUNT_OVER_LIMIT, NAME_MISMATCH, OTP_REQUIRED -> HttpStatus.UNPROCESSABLE_CONTENT;
			case NAME_CLOSE_MATCH, WRONG_STATE -> HttpStatus.CONFLICT;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
		};
		ResponseEntity<ProblemDetail> problem = problem(status,
				ex.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), title(ex.kind()),
				ex.getMessage(), ex.field());
		if (ex.telcoNameMasked() != null) {
			problem.getBody().setProperty("telcoNameMasked", ex.telcoNameMasked());
		}
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknownAccount(RemitterAuthentication.UnknownAccountException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-account", "Unknown account",
				ex.field() + " names no account of this bank", ex.field());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> wrongPassword(RemitterAuthentication.AuthenticationFailedException ex) {
		ResponseEntity<ProblemDetail> problem = problem(HttpStatus.UNAUTHORIZED, "wrong-password",
				"Wrong account password", "the account password is wrong", "password");
		problem.getBody().setProperty("attemptsLeft", ex.attemptsLeft());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> locked(RemitterAuthentication.AccountLockedException ex) {
		return problem(HttpStatus.FORBIDDEN, "account-locked", "Account locked",
				"too many wrong passwords locked the account; the bank must unlock it", "fromAccount");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> insufficient(Ledger.InsufficientFundsException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-funds", "Insufficient funds",
				"the remitting account's balance is less than the amount", "amount");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> exists(Ledger.AccountExistsException ex) {
		return problem(HttpStatus.CONFLICT, "account-exists", "Account exists", "an account has this number already",
				"accountNumber");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> telcoDown(TelcoNameCheck.NameCheckUnavailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "name-check-unavailable", "Name check unavailable",
				"the telco did not confirm the recipient phone's holder; nothing was held, try again later", null);
	}

	private static String title(TransferRefusedException.Kind kind) {
		return switch (kind) {
			case INVALID_REQUEST -> "Invalid request";
			case AMOUNT_OVER_LIMIT -> "Amount over the limit";
			case NAME_MISMATCH -> "Recipient phone not held by the account holder";
			case NAME_CLOSE_MATCH -> "Recipient phone holder's name is a close match";
			case WRONG_STATE -> "Not possible in the transfer's state";
			case NOT_FOUND -> "No such transfer";
			case OTP_REQUIRED -> "OTP required";
		};
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			@org.jspecify.annotations.Nullable String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
