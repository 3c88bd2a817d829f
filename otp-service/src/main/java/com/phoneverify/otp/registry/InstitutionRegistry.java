package com.phoneverify.otp.registry;

import reactor.core.publisher.Mono;

/**
 * The inter-institution OTP registry (port). Errors and incidents are shared: a failure
 * counted at one institution counts at all, a reset at one resets all, and an incident
 * reported at one is open at every institution that registered the device until each
 * recovers it.
 */
public interface InstitutionRegistry {

	/**
	 * Registers {@code device} for {@code institution}.
	 * @return the device's profile, or an error {@link UnknownDeviceException}
	 */
	Mono<DeviceProfile> register(String institution, DeviceId device);

	Mono<Void> cancel(String institution, DeviceId device);

	Mono<DeviceStatus> status(DeviceId device);

	/** Counts one failure; returns the new shared count. */
	Mono<Integer> recordFailure(DeviceId device);

	/** Clears the shared count (a success, or an explicit reset). */
	Mono<Void> clearFailures(DeviceId device);

	/** Opens an incident at every institution that registered the device. */
	Mono<DeviceStatus> reportLost(DeviceId device);

	/**
	 * Closes the incident at {@code institution}; {@code inPerson} when done at a branch.
	 */
	Mono<DeviceStatus> recover(String institution, DeviceId device, boolean inPerson);

	/** No device with this vendor code and serial was ever issued. */
	final class UnknownDeviceException extends RuntimeException {

		public UnknownDeviceException(DeviceId device) {
			super("no OTP device " + device + " is known to the registry");
		}

	}

}
