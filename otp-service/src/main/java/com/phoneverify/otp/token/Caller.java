package com.phoneverify.otp.token;

import com.phoneverify.otp.channel.Channel;

/**
 * Who asks, and where: the operator's staff id (or {@code customer} for self-service) and
 * the channel.
 */
public record Caller(String actor, Channel channel) {

	public Caller {
		if (actor.isBlank() || actor.length() > 64) {
			throw new IllegalArgumentException("an actor is 1 to 64 characters");
		}
	}

}
