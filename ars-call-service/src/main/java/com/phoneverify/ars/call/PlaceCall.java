package com.phoneverify.ars.call;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.phone.PhoneNumber;

/**
 * Asks the trunk to dial a number.
 *
 * @param verificationId the verification the call belongs to (for correlation only)
 * @param to the number to dial
 */
public record PlaceCall(VerificationId verificationId, PhoneNumber to) {

}
