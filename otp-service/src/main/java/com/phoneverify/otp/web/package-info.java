/**
 * The internal HTTP API of otp-service, called by the gateway's {@code gateway.otp}
 * package only (never exposed to merchants directly): every operation of the lifecycle,
 * verification and inquiry, with RFC 9457 problems whose types name what is wrong.
 */
@NullMarked
package com.phoneverify.otp.web;

import org.jspecify.annotations.NullMarked;
