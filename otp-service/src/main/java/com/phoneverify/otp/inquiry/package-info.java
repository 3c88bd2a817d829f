/**
 * The seed's inquiry screen (OTP생성기 조회, TR-2376): tokens per customer, institutions per
 * device, history per device, error count per device. Read-only.
 */
@NullMarked
package com.phoneverify.otp.inquiry;

import org.jspecify.annotations.NullMarked;
