package com.phoneverify.otp.registry.simulator;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.DeviceProfile;
import com.phoneverify.otp.registry.DeviceStatus;
import com.phoneverify.otp.registry.InstitutionRegistry;
import reactor.core.publisher.Mono;

/**
 * The registry in memory. Every method is atomic (one lock), as the real registry's
 * answers are for one request.
 */
public final class SimulatedInstitutionRegistry implements InstitutionRegistry {

	private final Map<DeviceId, Entry> devices = new HashMap<>();

	/** A vendor issues a device: the registry learns its seed and profile. */
	public synchronized void issue(DeviceId device, DeviceProfile profile) {
		this.devices.putIfAbsent(device, new Entry(profile));
	}

	@Override
	public Mono<DeviceProfile> register(String institution, DeviceId device) {
		return Mono.fromCallable(() -> {
			synchronized (this) {
				Entry entry = entry(device);
				entry.institutions.add(institution);
				return entry.profile;
			}
		});
	}

	@Override
	public Mono<Void> cancel(String institution, DeviceId device) {
		return Mono.fromRunnable(() -> {
			synchronized (this) {
				Entry entry = entry(device);
				entry.institutions.remove(institution);
				entry.lostAt.remove(institution);
			}
		});
	}

	@Override
	public Mono<DeviceStatus> status(DeviceId device) {
		return Mono.fromCallable(() -> {
			synchronized (this) {
				return entry(device).status();
			}
		});
	}

	@Override
	public Mono<Integer> recordFailure(DeviceId device) {
		return Mono.fromCallable(() -> {
			synchronized (this) {
				return ++entry(device).failures;
			}
		});
	}

	@Override
	public Mono<Void> clearFailures(DeviceId device) {
		return Mono.fromRunnable(() -> {
			synchronized (this) {
				entry(device).failures = 0;
			}
		});
	}

	@Override
	public Mono<DeviceStatus> reportLost(DeviceId device) {
		return Mono.fromCallable(() -> {
			synchronized (this) {
				Entry entry = entry(device);
				entry.lostAt.addAll(entry.institutions);
				entry.recoveredInPerson = false;
				return entry.status();
			}
		});
	}

	@Override
	public Mono<DeviceStatus> recover(String institution, DeviceId device, boolean inPerson) {
		return Mono.fromCallable(() -> {
			synchronized (this) {
				Entry entry = entry(device);
				if (entry.lostAt.remove(institution) && inPerson) {
					entry.recoveredInPerson = true;
				}
				return entry.status();
			}
		});
	}

	private Entry entry(DeviceId device) {
		Entry entry = this.devices.get(device);
		if (entry == null) {
			throw new UnknownDeviceException(device);
		}
		return entry;
	}

	private static final class Entry {

		private final DeviceProfile profile;

		private final Set<String> institutions = new LinkedHashSet<>();

		private final Set<String> lostAt = new LinkedHashSet<>();

		private int failures;

		private boolean recoveredInPerson;

		Entry(DeviceProfile profile) {
			this.profile = profile;
		}

		DeviceStatus status() {
			return new DeviceStatus(Set.copyOf(this.institutions), this.failures, Set.copyOf(this.lostAt),
					this.recoveredInPerson);
		}

	}

}
