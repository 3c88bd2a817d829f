/**
 * Retention of personal data: each product and the webhook deliveries contribute a
 * {@link com.phoneverify.gateway.retention.RetentionRule}, and
 * {@link com.phoneverify.gateway.retention.PersonalDataPurge} applies them all on a
 * schedule ({@code gateway.retention.*}).
 */
@NullMarked
package com.phoneverify.gateway.retention;

import org.jspecify.annotations.NullMarked;
