/**
 * The append-only audit trail of every lifecycle operation and verification: who, on
 * which channel, when, what, with what outcome. Never a secret, code or PIN. Kept 10
 * years (the seed's 문서 보존년한).
 */
@NullMarked
package com.phoneverify.otp.audit;

import org.jspecify.annotations.NullMarked;
