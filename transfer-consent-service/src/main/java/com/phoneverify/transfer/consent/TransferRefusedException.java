package com.phoneverify.transfer.consent;

import org.jspecify.annotations.Nullable;

/**
 * A transfer that cannot be requested or changed, and why: each {@link Kind} is one
 * problem type of the HTTP API. No money moved.
 */
public final class TransferRefusedException extends RuntimeException {

	private final Kind kind;

	private final @Nullable String field;

	private final @Nullable String telcoNameMasked;

	public TransferRefusedException(Kind kind, @Nullable String field, String detail) {
		this(kind, field, detail, null);
	}

	public TransferRefusedException(Kind kind, @Nullable String field, String detail,
			@Nullable String telcoNameMasked) {
		super(detail);
		this.kind = kind;
		this.field = field;
		this.telcoNameMasked = telcoNameMasked;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The request field at fault, if one is. */
	public @Nullable String field() {
		return this.field;
	}

	/** For {@link Kind#NAME_CLOSE_MATCH}: the name the telco holds, masked. */
	public @Nullable String telcoNameMasked() {
		return this.telcoNameMasked;
	}

	public enum Kind {

		/** A field is missing or malformed. */
		INVALID_REQUEST,
		/** The amount is above the limit. */
		AMOUNT_OVER_LIMIT,
		/** The phone is not held by the recipient account's holder. */
		NAME_MISMATCH,
		/** The phone's holder name is close to, not the same as, the account holder's. */
		NAME_CLOSE_MATCH,
		/** The transfer is not in a state that allows this. */
		WRONG_STATE,
		/** No such transfer. */
		NOT_FOUND,
		/** The transfer needs the remitter's OTP and the request has none. */
		OTP_REQUIRED

	}

}
