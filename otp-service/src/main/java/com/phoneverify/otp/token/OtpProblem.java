package com.phoneverify.otp.token;

/**
 * Every way an OTP operation can be refused, with its HTTP status and the stable problem
 * type suffix ({@code https://phoneverify.example/problems/otp/<type>}).
 */
public enum OtpProblem {

	WRONG_LENGTH(400, "wrong-length", "The code has the wrong number of digits"),
	NOT_DIGITS(400, "not-digits", "The code must be digits only"),
	INVALID_REQUEST(400, "invalid-request", "The request is incomplete or malformed"),
	UNKNOWN_VENDOR(422, "unknown-vendor", "Unknown OTP vendor code"),
	UNKNOWN_DEVICE(404, "unknown-device", "No OTP device with this vendor code and serial is known"),
	DEVICE_NOT_FOUND(404, "device-not-found",
			"No OTP device with this vendor code and serial is or was registered for this merchant's customers"),
	RESPONSE_CODE_MISMATCH(422, "response-code-mismatch", "The response code does not match the device"),
	DUPLICATE_REGISTRATION(409, "duplicate-registration", "An OTP is already registered"),
	SECURITY_CARD_IN_USE(409, "security-card-in-use",
			"The customer uses a security card; OTP and security card are mutually exclusive"),
	NO_TOKEN(404, "no-token", "The customer has no usable OTP of this kind"),
	TOKEN_LOCKED(423, "token-locked", "The OTP is locked after too many consecutive errors"),
	TOKEN_LOST(423, "token-lost", "The OTP device is reported lost"),
	TOKEN_EXPIRED(410, "token-expired", "The OTP has expired"),
	TOKEN_UNUSABLE(423, "token-unusable",
			"The mobile OTP is unusable after too many PIN errors; only reissue is possible"),
	WRONG_PIN(401, "wrong-pin", "Wrong mobile OTP PIN"),
	NOT_LOST(409, "not-lost", "No incident is open for this device here"),
	ONLINE_RECOVERY_NOT_ALLOWED(403, "online-recovery-not-allowed",
			"Online recovery needs an in-person recovery at one of the registering institutions first"),
	SECOND_DEVICE(409, "second-device", "A mobile OTP is already issued on another device"),
	NOT_ELIGIBLE(403, "not-eligible", "Mobile OTP is for domestic individual customers only"),
	IDENTITY_NOT_VERIFIED(403, "identity-not-verified", "The non-face-to-face identity check is incomplete"),
	CHANNEL_NOT_ALLOWED(403, "channel-not-allowed", "This channel may not do this operation");

	private final int status;

	private final String type;

	private final String title;

	OtpProblem(int status, String type, String title) {
		this.status = status;
		this.type = type;
		this.title = title;
	}

	public int status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

}
