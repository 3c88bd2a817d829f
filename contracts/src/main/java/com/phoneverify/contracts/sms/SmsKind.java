package com.phoneverify.contracts.sms;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Short (SMS, up to 90 bytes in EUC-KR) or long (LMS, up to 2000 bytes) message. */
public enum SmsKind {

	@JsonProperty("sms")
	SMS, @JsonProperty("lms")
	LMS

}
