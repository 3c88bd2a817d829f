package com.phoneverify.gateway.merchant;

import com.phoneverify.contracts.MerchantId;

/** A merchant with this id exists already. */
public class MerchantAlreadyExistsException extends RuntimeException {

	public MerchantAlreadyExistsException(MerchantId id) {
		super("merchant '" + id + "' exists already", null, false, false);
	}

}
