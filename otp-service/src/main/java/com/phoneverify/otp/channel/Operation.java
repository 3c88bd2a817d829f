package com.phoneverify.otp.channel;

/**
 * The lifecycle operations of the seed's availability table, plus mobile OTP issuance.
 */
public enum Operation {

	/** 타기관 OTP 이용등록: register another institution's hardware OTP. */
	REGISTER_HARDWARE,

	/** 타기관 OTP 이용해지: cancel that registration. */
	CANCEL_HARDWARE,

	/** 오류초기화: reset the error counter. */
	RESET_ERRORS,

	/** 사고신고: report the device lost. */
	REPORT_LOST,

	/** 사고해지: recover from the incident. */
	RECOVER,

	/** 모바일OTP 발급: issue a mobile OTP (non-face-to-face identity check online). */
	ISSUE_MOBILE,

	/** 모바일OTP 이용해지: cancel the mobile OTP. */
	CANCEL_MOBILE

}
