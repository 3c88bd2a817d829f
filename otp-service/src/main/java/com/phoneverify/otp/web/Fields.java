package com.phoneverify.otp.web;

import java.util.ArrayList;
import java.util.List;

import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import org.jspecify.annotations.Nullable;

/** Collects missing fields of a request and refuses it naming all of them. */
final class Fields {

	private final List<String> missing = new ArrayList<>();

	<T> T require(@Nullable T value, String name) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			this.missing.add(name);
		}
		return value;
	}

	Caller caller(String merchant, OtpRequests.Called request) {
		require(merchant, OtpController.MERCHANT_HEADER);
		require(request.actor(), "actor");
		require(request.channel(), "channel");
		check();
		return new Caller(merchant, request.actor(), request.channel());
	}

	void check() {
		if (!this.missing.isEmpty()) {
			throw new OtpRefusal(OtpProblem.INVALID_REQUEST, "missing: " + String.join(", ", this.missing));
		}
	}

}
