/**
 * Outbound messages: intake of {@code sms-outbound} (sender registry, per-recipient
 * limits), the text's encoding (SMS or LMS), the dispatcher that claims queued messages
 * and submits them within the window and the rate, and delivery receipts. Every status
 * change is stored and published on {@code sms-status} in one transaction.
 */
@NullMarked
package com.phoneverify.sms.outbound;

import org.jspecify.annotations.NullMarked;
