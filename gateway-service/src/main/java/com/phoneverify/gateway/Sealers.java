package com.phoneverify.gateway;

/**
 * The names of the two {@link com.phoneverify.contracts.sealed.Sealer} beans, for
 * {@code @Qualifier}. The gateway keeps two key rings so that ars-call-service, which
 * must open the sealed fields of {@code auth-requested}, holds no key that opens
 * merchants' API and webhook secrets.
 */
public final class Sealers {

	/** Seals what only the gateway reads: merchants' API and webhook secrets. */
	public static final String AT_REST = "atRestSealer";

	/**
	 * Seals the event fields other services open (phone, code, challenge key of
	 * {@code auth-requested}); the stored phone of a verification is that same sealed
	 * value.
	 */
	public static final String EVENTS = "eventSealer";

	private Sealers() {
	}

}
