/**
 * Consumes {@code call-completed}: decodes, deduplicates by event id and hands the call
 * to the verification feature, all in one transaction. Records that are not valid events
 * go to the consumer's dead-letter topic with the reason, and the consumer moves on.
 */
@NullMarked
package com.phoneverify.gateway.ars.callresult;

import org.jspecify.annotations.NullMarked;
