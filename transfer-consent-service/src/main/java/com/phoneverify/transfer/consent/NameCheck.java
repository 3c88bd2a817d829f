package com.phoneverify.transfer.consent;

import org.jspecify.annotations.Nullable;

/**
 * The telco's answer to "is this phone held by this name?", as the EU's Verification of
 * Payee and the UK's Confirmation of Payee answer.
 *
 * @param telcoNameMasked for a close match only: the name the telco holds, masked (e.g.
 * {@code 홍*동}), so the remitter can tell a typo from a stranger
 */
public record NameCheck(Result result, @Nullable String telcoNameMasked) {

	public enum Result {

		MATCH, CLOSE_MATCH, NO_MATCH

	}

	public static NameCheck match() {
		return new NameCheck(Result.MATCH, null);
	}

}
