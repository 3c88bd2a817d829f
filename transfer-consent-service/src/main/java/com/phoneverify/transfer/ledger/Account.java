package com.phoneverify.transfer.ledger;

import java.time.Instant;

import com.phoneverify.contracts.phone.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * A customer account as the ledger knows it.
 *
 * @param phone the holder's phone (the result SMS goes there), or null
 * @param balance in won
 * @param password the stored password hash, or null when the account has none (it cannot
 * send)
 * @param failedLogins consecutive wrong passwords
 * @param lockedAt when too many wrong passwords locked it, or null
 */
public record Account(AccountNumber number, String holderName, @Nullable PhoneNumber phone, long balance,
		PasswordHash.@Nullable Stored password, int failedLogins, @Nullable Instant lockedAt) {

	public boolean locked() {
		return this.lockedAt != null;
	}

}
