package com.phoneverify.otp.token;

/** A hardware OTP of another institution (실물 OTP), or our mobile OTP. */
public enum TokenKind {

	HARDWARE, MOBILE

}
