package com.phoneverify.transfer.consent;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.ledger.AccountNumber;
import org.jspecify.annotations.Nullable;

/**
 * A remitter's request (step ①), validated: every field is well formed; whether the
 * accounts exist and the money is there is checked when it is applied.
 *
 * @param password the remitter's account password (never stored, never logged)
 * @param amount in won, positive and within the limit
 * @param recipientPhone required unless the mode is normal
 * @param purpose required for mutual consent, refused otherwise
 * @param acceptCloseMatch the remitter saw the telco's masked name of a close match and
 * goes on; without it a close match is refused with that name
 * @param origin the gateway's request this is, or null for the service's own API
 * @param otp the remitter's OTP, when the transfer needs one (see {@link OtpRule})
 */
public record TransferRequest(AccountNumber from, String password, long amount, String toBank, AccountNumber to,
		@Nullable PhoneNumber recipientPhone, TransferMode mode, @Nullable Purpose purpose, boolean acceptCloseMatch,
		@Nullable Origin origin, @Nullable OtpInput otp) {

	/**
	 * A request the gateway relayed for a merchant.
	 *
	 * @param id the transfer id (the gateway's verification id)
	 * @param expiresAt when the recipient's consent lapses (the gateway's expiry)
	 */
	public record Origin(TransferId id, MerchantId merchant, Instant expiresAt) {
	}

	@Override
	public String toString() {
		return "TransferRequest[" + this.mode + ", " + this.amount + " KRW, " + this.from + " -> " + this.to + "]";
	}

}
