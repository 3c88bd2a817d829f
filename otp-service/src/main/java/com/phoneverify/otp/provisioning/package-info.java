/**
 * Provisioning a mobile authenticator by QR code: a small QR Code Model 2 encoder
 * (ISO/IEC 18004:2015, byte mode, versions 1 to 40, levels L/M/Q/H) and its PNG
 * rendering, for the {@code otpauth://} URI of an issued mobile OTP. Plain Java (the
 * JDK's {@code javax.imageio} writes the PNG), no Spring; no QR library resolves here.
 */
@NullMarked
package com.phoneverify.otp.provisioning;

import org.jspecify.annotations.NullMarked;
