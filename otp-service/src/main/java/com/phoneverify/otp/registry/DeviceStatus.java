package com.phoneverify.otp.registry;

import java.util.Set;

/**
 * The registry's view of a device.
 *
 * @param institutions institutions that registered it (기기별 이용등록 기관내역)
 * @param failures the shared consecutive error count
 * @param lostAt institutions where an incident is open (reported, not yet recovered)
 * @param recoveredInPersonSomewhere whether some institution has recovered it at its
 * branch
 */
public record DeviceStatus(Set<String> institutions, int failures, Set<String> lostAt,
		boolean recoveredInPersonSomewhere) {

	public boolean lost() {
		return !this.lostAt.isEmpty();
	}

}
