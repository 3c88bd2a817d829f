/**
 * The inter-institution OTP registry (금융보안원's OTP 통합인증센터) as a port: which institutions
 * registered a hardware device, its shared error counter and lock, and its incident state
 * at each institution. {@code registry.simulator} stands for it in development and tests.
 */
@NullMarked
package com.phoneverify.otp.registry;

import org.jspecify.annotations.NullMarked;
