package com.phoneverify.transfer;

import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;

import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.transfer.consent.ArsCalls;
import com.phoneverify.transfer.consent.ConsentCodes;
import com.phoneverify.transfer.consent.OtpRule;
import com.phoneverify.transfer.consent.OtpVerifications;
import com.phoneverify.transfer.consent.ConsentMessages;
import com.phoneverify.transfer.consent.EvidenceLog;
import com.phoneverify.transfer.consent.TelcoNameCheck;
import com.phoneverify.transfer.consent.TransferResults;
import com.phoneverify.transfer.consent.TransferService;
import com.phoneverify.transfer.consent.TransferStore;
import com.phoneverify.transfer.evidence.EvidenceKeys;
import com.phoneverify.transfer.ledger.AccountOpening;
import com.phoneverify.transfer.ledger.Ledger;
import com.phoneverify.transfer.ledger.PasswordHash;
import com.phoneverify.transfer.ledger.RemitterAuthentication;
import com.phoneverify.transfer.settings.TransferProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires the domain: the keys (each required, the service refuses to start naming the
 * missing property), the password hashing scheduler, the use cases and the two sweeps.
 * Adapters are wired in their own packages ({@code LedgerStoreConfiguration},
 * {@code TransferStoreConfiguration}, {@code EvidenceStoreConfiguration},
 * {@code SmsConfiguration}, {@code TelcoConfiguration}, {@code KafkaConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class TransferConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TransferConfiguration.class);

	@Bean
	Clock transferClock() {
		return Clock.systemUTC();
	}

	/** PBKDF2 is CPU work: never on an event loop. */
	@Bean(destroyMethod = "dispose")
	Scheduler passwordHashing() {
		return Schedulers.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()), 1000,
				"password-hash");
	}

	@Bean
	Sealer eventsSealer(TransferProperties properties) {
		TransferProperties.Sealing sealing = properties.sealing();
		if (sealing.keys().isEmpty() || sealing.currentKeyId() == null) {
			throw new IllegalStateException("configure transfer.sealing.keys.<id> (Base64 of 32 bytes) and "
					+ "transfer.sealing.current-key-id: the events key ring shared with sms-relay-service");
		}
		return Sealer.of(sealing.keys(), sealing.currentKeyId());
	}

	@Bean
	ConsentCodes consentCodes(TransferProperties properties) {
		String key = properties.codes().key();
		if (key == null || key.isBlank()) {
			throw new IllegalStateException("configure transfer.codes.key (Base64 of 32 random bytes): "
					+ "the HMAC key of stored one-time codes");
		}
		return new ConsentCodes(Base64.getDecoder().decode(key.strip()), properties.consent().codeLength());
	}

	@Bean
	EvidenceKeys evidenceKeys(TransferProperties properties) {
		TransferProperties.Evidence evidence = properties.evidence();
		if (evidence.privateKey() == null || evidence.publicKey() == null) {
			throw new IllegalStateException("configure transfer.evidence.private-key (Base64 PKCS#8 Ed25519) and "
					+ "transfer.evidence.public-key (Base64 X.509): the key that signs evidence");
		}
		return EvidenceKeys.of(evidence.privateKey(), evidence.publicKey());
	}

	@Bean
	PasswordHash passwordHash(TransferProperties properties) {
		return new PasswordHash(properties.authentication().iterations());
	}

	@Bean
	RemitterAuthentication remitterAuthentication(Ledger ledger, TransferProperties properties,
			Scheduler passwordHashing) {
		return new RemitterAuthentication(ledger, properties.authentication().maxFailures(), passwordHashing);
	}

	@Bean
	AccountOpening accountOpening(Ledger ledger, PasswordHash passwordHash, Scheduler passwordHashing,
			TransactionalOperator tx) {
		return new AccountOpening(ledger, passwordHash, passwordHashing, tx);
	}

	@Bean
	TransferService transferService(Ledger ledger, RemitterAuthentication authentication, TelcoNameCheck telco,
			TransferStore transfers, ConsentMessages messages, EvidenceLog evidence, TransferResults results,
			ConsentCodes codes, OtpVerifications otp, ArsCalls arsCalls, TransactionalOperator tx, Clock clock,
			TransferProperties properties) {
		TransferProperties.Consent consent = properties.consent();
		OtpRule otpRule = new OtpRule(properties.otp().modes(), properties.otp().requiredAbove());
		return new TransferService(ledger, authentication, telco, transfers, messages, evidence, results, codes, otp,
				arsCalls, tx, clock,
				new TransferService.Rules(properties.bankCode(), properties.limits().maxAmount(), consent.expiry(),
						consent.maxWrongCodes(), new LinkedHashSet<>(consent.declineWords()), otpRule,
						consent.arsFallbackAfter(), consent.expiryGrace()));
	}

	/** Releases the holds of transfers nobody answered in time. */
	@Bean
	BatchedSweep expirySweep(TransferService transfers, TransferProperties properties) {
		return new BatchedSweep(properties.consent().sweepInterval(), "Expiry sweep", transfers::expireDue);
	}

	/**
	 * The ARS fallback: transfers still awaiting the SMS reply
	 * {@code transfer.consent.ars-fallback-after} after their request get their one ARS
	 * call; a sweep that finds nothing when the fallback is off.
	 */
	@Bean
	BatchedSweep arsFallbackSweep(TransferService transfers, TransferProperties properties) {
		if (!transfers.rules().arsFallback()) {
			logger.info("ARS fallback off (transfer.consent.ars-fallback-after=0)");
		}
		return new BatchedSweep(properties.consent().sweepInterval(), "ARS fallback sweep",
				transfers::requestDueArsCalls);
	}

}
