/**
 * 사고신고/사고해지 and 오류건수 초기화: reporting a hardware device lost, recovering it, and resetting
 * the error count, with the seed's multi-institution rules.
 */
@NullMarked
package com.phoneverify.otp.incident;

import org.jspecify.annotations.NullMarked;
