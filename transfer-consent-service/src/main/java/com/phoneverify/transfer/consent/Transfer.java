package com.phoneverify.transfer.consent;

import java.time.Instant;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.transfer.ledger.AccountNumber;
import org.jspecify.annotations.Nullable;

/**
 * A transfer as stored.
 *
 * @param amount in won
 * @param recipientPhone null for a normal transfer
 * @param nameCheck the telco's answer, null for a normal transfer
 * @param reason why a final state other than executed was reached, in words (e.g.
 * {@code max_wrong_codes}); null otherwise
 * @param codeHash HMAC of the one-time code, null for a normal transfer
 * @param wrongCodes wrong codes received from the recipient's number
 * @param expiresAt when the consent request lapses, null for a normal transfer
 * @param repliedAt when the reply that ended it was received (by the relay)
 * @param merchant the merchant that asked through the gateway (which is told the result),
 * or null for a transfer of the service's own API
 */
public record Transfer(TransferId id, TransferMode mode, @Nullable Purpose purpose, AccountNumber from, String toBank,
		AccountNumber to, long amount, @Nullable PhoneNumber recipientPhone, @Nullable NameCheck nameCheck,
		TransferState state, @Nullable String reason, byte @Nullable [] codeHash, int wrongCodes,
		@Nullable SmsMessageId consentMessageId, Instant requestedAt, @Nullable Instant expiresAt,
		@Nullable Instant repliedAt, @Nullable Instant finishedAt, @Nullable MerchantId merchant) {

	/** This transfer in a final state. */
	public Transfer finished(TransferState state, @Nullable String reason, @Nullable Instant repliedAt,
			Instant finishedAt) {
		return new Transfer(this.id, this.mode, this.purpose, this.from, this.toBank, this.to, this.amount,
				this.recipientPhone, this.nameCheck, state, reason, this.codeHash, this.wrongCodes,
				this.consentMessageId, this.requestedAt, this.expiresAt, repliedAt, finishedAt, this.merchant);
	}

	/** This transfer after one more wrong code. */
	public Transfer withWrongCode() {
		return new Transfer(this.id, this.mode, this.purpose, this.from, this.toBank, this.to, this.amount,
				this.recipientPhone, this.nameCheck, this.state, this.reason, this.codeHash, this.wrongCodes + 1,
				this.consentMessageId, this.requestedAt, this.expiresAt, this.repliedAt, this.finishedAt,
				this.merchant);
	}

}
