package com.phoneverify.otp.token;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.phoneverify.otp.algorithm.HmacAlgorithm;

/**
 * The blind index of real-name ids (실명확인번호): HMAC-SHA256 under a server key, so the
 * database finds a customer without holding the id.
 */
public final class CustomerKeys {

	private final byte[] lookupKey;

	public CustomerKeys(byte[] lookupKey) {
		if (lookupKey.length < 16) {
			throw new IllegalArgumentException("the lookup key has at least 16 bytes");
		}
		this.lookupKey = lookupKey.clone();
	}

	/**
	 * @throws OtpRefusal when the id is not 6 to 20 digits or dashes
	 */
	public String keyOf(String realNameId) {
		return keyOf("", realNameId);
	}

	/**
	 * The key of {@code realNameId} among the customers of {@code scope} (a merchant of
	 * the gateway): the same person at two merchants is two customers.
	 * @throws OtpRefusal when the id is not 6 to 20 digits or dashes
	 */
	public String keyOf(String scope, String realNameId) {
		String digits = realNameId.replace("-", "");
		if (!digits.matches("[0-9]{6,20}")) {
			throw new OtpRefusal(OtpProblem.INVALID_REQUEST, "realNameId must be 6 to 20 digits (dashes allowed)");
		}
		return HexFormat.of()
			.formatHex(HmacAlgorithm.SHA256.mac(this.lookupKey,
					(scope.isEmpty() ? digits : scope + "|" + digits).getBytes(StandardCharsets.UTF_8)));
	}

}
