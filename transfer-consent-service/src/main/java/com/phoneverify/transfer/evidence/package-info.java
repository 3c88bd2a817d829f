/**
 * Evidence documents: one per finished transfer, canonical JSON (RFC 8785 for the
 * strings, integers, booleans and nulls it holds), chained by SHA-256 and signed with
 * Ed25519, verifiable without our database by
 * {@link com.phoneverify.transfer.evidence.VerifyEvidence}. JDK only, so the verifier
 * runs from the plain jar.
 */
@NullMarked
package com.phoneverify.transfer.evidence;

import org.jspecify.annotations.NullMarked;
