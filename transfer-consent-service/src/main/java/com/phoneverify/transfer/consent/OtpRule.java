package com.phoneverify.transfer.consent;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * When a transfer needs the remitter's OTP: always in the listed modes, and for any mode
 * above the amount.
 *
 * @param modes modes that always need it (e.g. MUTUAL_CONSENT)
 * @param requiredAbove amounts above this (won) need it; null: no amount does
 */
public record OtpRule(Set<TransferMode> modes, @Nullable Long requiredAbove) {

	/** No transfer needs an OTP. */
	public static final OtpRule NEVER = new OtpRule(Set.of(), null);

	public OtpRule {
		modes = Set.copyOf(modes);
	}

	public boolean requires(TransferMode mode, long amount) {
		return this.modes.contains(mode) || (this.requiredAbove != null && amount > this.requiredAbove);
	}

}
