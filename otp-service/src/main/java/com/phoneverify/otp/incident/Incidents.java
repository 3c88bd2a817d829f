package com.phoneverify.otp.incident;

import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.channel.Operation;
import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.DeviceStatus;
import com.phoneverify.otp.registry.InstitutionRegistry;
import com.phoneverify.otp.token.Caller;
import com.phoneverify.otp.token.Lifecycle;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import reactor.core.publisher.Mono;

/**
 * Incidents and the error count of hardware devices.
 *
 * <p>
 * The seed: a loss reported anywhere is open at every institution that registered the
 * device, and the device is usable again only when all of them have recovered it; online
 * recovery here is allowed once one of them has recovered it at a branch. A reset of the
 * error count here resets it at every institution.
 */
public final class Incidents {

	private final Lifecycle lifecycle;

	private final InstitutionRegistry registry;

	public Incidents(Lifecycle lifecycle, InstitutionRegistry registry) {
		this.lifecycle = lifecycle;
		this.registry = registry;
	}

	/** 사고신고: the device is lost. */
	public Mono<DeviceStatus> reportLost(String customerKey, CustomerKind kind, DeviceId device, Caller caller) {
		this.lifecycle.checkChannel(Operation.REPORT_LOST, caller, kind);
		return this.lifecycle
			.inTransaction(registeredToken(customerKey, device).flatMap((token) -> this.registry.reportLost(device)
				.flatMap((status) -> this.lifecycle.tokens()
					.update(token.withStatus(TokenStatus.LOST))
					.then(this.lifecycle.record(caller, Operation.REPORT_LOST, "DONE", customerKey, token,
							device.toString()))
					.thenReturn(status))));
	}

	/**
	 * 사고해지 here. Online only after an in-person recovery at some registering institution;
	 * the token is active again when no institution has the incident open.
	 */
	public Mono<DeviceStatus> recover(String customerKey, CustomerKind kind, DeviceId device, Caller caller) {
		this.lifecycle.checkChannel(Operation.RECOVER, caller, kind);
		boolean inPerson = caller.channel() == Channel.BRANCH || caller.channel() == Channel.AGENT;
		return this.lifecycle.inTransaction(registeredToken(customerKey, device)
			.flatMap((token) -> this.registry.status(device).flatMap((before) -> {
				if (!before.lostAt().contains(this.lifecycle.institution())) {
					throw new OtpRefusal(OtpProblem.NOT_LOST, "no incident is open here for " + device);
				}
				if (!inPerson && !before.recoveredInPersonSomewhere()) {
					throw new OtpRefusal(OtpProblem.ONLINE_RECOVERY_NOT_ALLOWED,
							"recover " + device + " in person at one of " + before.institutions() + " first");
				}
				return this.registry.recover(this.lifecycle.institution(), device, inPerson);
			}).flatMap((after) -> {
				Token changed = token.withStatus(after.lost() ? TokenStatus.LOST : TokenStatus.ACTIVE);
				return this.lifecycle.tokens()
					.update(changed)
					.then(this.lifecycle.record(caller, Operation.RECOVER,
							after.lost() ? "DONE_STILL_LOST_AT_" + String.join("_", after.lostAt()) : "DONE",
							customerKey, token, device.toString()))
					.thenReturn(after);
			})));
	}

	/**
	 * 오류건수 초기화: clears the customer's error count and the device's at every institution.
	 * The only way, besides a correct code, to unlock.
	 */
	public Mono<DeviceStatus> resetErrors(String customerKey, CustomerKind kind, DeviceId device, Caller caller) {
		this.lifecycle.checkChannel(Operation.RESET_ERRORS, caller, kind);
		return this.lifecycle.inTransaction(registeredToken(customerKey, device).flatMap((token) -> this.registry
			.clearFailures(device)
			.then(this.lifecycle.tokens().setFailures(customerKey, 0))
			.then(this.lifecycle.record(caller, Operation.RESET_ERRORS, "DONE", customerKey, token, device.toString()))
			.then(this.registry.status(device))));
	}

	private Mono<Token> registeredToken(String customerKey, DeviceId device) {
		return this.lifecycle.tokens()
			.lockCustomer(customerKey)
			.flatMap((customer) -> this.lifecycle.tokens().liveToken(customerKey, TokenKind.HARDWARE))
			.filter((token) -> device.equals(token.hardwareDevice()))
			.switchIfEmpty(Mono.error(() -> new OtpRefusal(OtpProblem.NO_TOKEN,
					"OTP " + device + " is not registered here for this customer")));
	}

}
