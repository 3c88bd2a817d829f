package com.phoneverify.otp.token;

import java.time.Clock;

import com.phoneverify.otp.audit.AuditEntry;
import com.phoneverify.otp.audit.AuditTrail;
import com.phoneverify.otp.channel.ChannelPolicy;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.channel.Operation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What every lifecycle operation shares: the channel check, the transaction, the audit
 * line. The use cases ({@code registration}, {@code incident}, {@code mobile}) build on
 * it.
 *
 * @param tokens the token store
 * @param audit the audit trail
 * @param transactions one transaction per operation
 * @param channels the availability table
 * @param institution this institution's code in the registry
 * @param clock the time
 */
public record Lifecycle(Tokens tokens, AuditTrail audit, TransactionalOperator transactions, ChannelPolicy channels,
		String institution, Clock clock) {

	/**
	 * Refuses when {@code caller}'s channel may not do {@code operation} for this
	 * customer.
	 */
	public void checkChannel(Operation operation, Caller caller, CustomerKind kind) {
		if (!this.channels.allows(operation, caller.channel(), kind)) {
			throw new OtpRefusal(OtpProblem.CHANNEL_NOT_ALLOWED,
					operation + " is not allowed on channel " + caller.channel() + " for a "
							+ kind.name().toLowerCase().replace('_', ' ') + " customer ("
							+ this.channels.availability(operation, caller.channel()) + ")");
		}
	}

	public Mono<Void> record(Caller caller, Operation operation, String outcome, String customerKey,
			@Nullable Token token, @Nullable String device) {
		return this.audit.append(new AuditEntry(this.clock.instant(), caller.merchant(), caller.actor(),
				caller.channel(), operation.name(), outcome, customerKey, (token != null) ? token.id() : null, device));
	}

	public <T> Mono<T> inTransaction(Mono<T> work) {
		return this.transactions.transactional(work);
	}

}
