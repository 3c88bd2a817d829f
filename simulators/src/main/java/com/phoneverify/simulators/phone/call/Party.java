package com.phoneverify.simulators.phone.call;

/** Who ended a call. */
public enum Party {

	/** The calling side: CANCEL before the answer, or BYE after. */
	CALLER,

	/** The simulated phone: a rejection, or BYE after the answer. */
	PHONE

}
