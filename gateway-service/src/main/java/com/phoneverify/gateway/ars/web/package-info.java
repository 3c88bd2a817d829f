/**
 * The HTTP edge of ARS verifications ({@code /v1/ars-verifications}): translates signed
 * requests into {@link com.phoneverify.gateway.ars.ArsVerificationService} calls and its
 * answers into views or RFC 9457 problems.
 */
@NullMarked
package com.phoneverify.gateway.ars.web;

import org.jspecify.annotations.NullMarked;
