package com.phoneverify.otp.channel;

/** Where an operation is asked for (the seed's columns). */
public enum Channel {

	/** ODS (파출): staff away from the branch. */
	DISPATCH,

	/** 내점: the customer at a branch, identity checked in person. */
	BRANCH,

	/** 유선: by telephone. */
	PHONE,

	/** 대리인: an agent acting for the customer. */
	AGENT,

	/** NET / online channels: HTS/WTS, MTS, mobile web, home page. */
	ONLINE

}
