package com.phoneverify.otp.token;

/**
 * An operation refused for a reason the caller can act on. The detail says what is wrong
 * and never contains a secret, code, PIN or real-name id.
 */
public class OtpRefusal extends RuntimeException {

	private final OtpProblem problem;

	public OtpRefusal(OtpProblem problem, String detail) {
		super(detail, null, false, false);
		this.problem = problem;
	}

	public OtpProblem problem() {
		return this.problem;
	}

}
