package com.phoneverify.otp.token;

import java.util.UUID;

import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.registry.DeviceId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where customers and tokens are kept (port). Called inside a transaction, the lock of
 * {@link #lockCustomer} holds until it ends: every change to one customer's tokens and
 * counters is serialised by it.
 */
public interface Tokens {

	/** The customer, created with {@code kind} if new (or its kind updated), locked. */
	Mono<Customer> enrolAndLock(String customerKey, CustomerKind kind);

	/** The customer, locked ({@code SELECT … FOR UPDATE}); empty when unknown. */
	Mono<Customer> lockCustomer(String customerKey);

	/** The customer, not locked; empty when unknown. */
	Mono<Customer> findCustomer(String customerKey);

	Mono<Void> setFailures(String customerKey, int failures);

	Mono<Void> setSecurityCard(String customerKey, boolean securityCard);

	/** Every token of the customer, newest first. */
	Flux<Token> tokensOf(String customerKey);

	/** The customer's live token of {@code kind}. */
	Mono<Token> liveToken(String customerKey, TokenKind kind);

	/**
	 * The live hardware token of {@code device} at this institution, whoever holds it.
	 */
	Mono<Token> liveHardware(DeviceId device);

	Mono<Token> byId(UUID id);

	Mono<Void> insert(Token token);

	/** Stores the moving factor, OCRA step, status and PIN failures of {@code token}. */
	Mono<Void> update(Token token);

}
