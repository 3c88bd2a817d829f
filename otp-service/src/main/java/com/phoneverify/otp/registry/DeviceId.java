package com.phoneverify.otp.registry;

/**
 * A hardware OTP device: the vendor code and the serial printed on it (OTP 생성기번호).
 * Neither is personal data.
 */
public record DeviceId(String vendorCode, String serial) {

	public DeviceId {
		if (!vendorCode.matches("[0-9A-Za-z]{2,4}")) {
			throw new IllegalArgumentException("a vendor code is 2 to 4 letters or digits");
		}
		if (!serial.matches("[0-9A-Za-z-]{6,20}")) {
			throw new IllegalArgumentException("a serial is 6 to 20 letters, digits or dashes");
		}
	}

	@Override
	public String toString() {
		return this.vendorCode + "/" + this.serial;
	}

}
