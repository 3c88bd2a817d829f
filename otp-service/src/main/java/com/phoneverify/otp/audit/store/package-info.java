/** The audit trail in {@code otp.audit_events}, append-only by trigger. */
@NullMarked
package com.phoneverify.otp.audit.store;

import org.jspecify.annotations.NullMarked;
