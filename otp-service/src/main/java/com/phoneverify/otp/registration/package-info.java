/**
 * 타기관 OTP 이용등록/해지: registering another institution's hardware OTP here (real-name id,
 * vendor code, serial, optional response code) and cancelling it. One OTP per customer;
 * OTP and security card exclude each other.
 */
@NullMarked
package com.phoneverify.otp.registration;

import org.jspecify.annotations.NullMarked;
