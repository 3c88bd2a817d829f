package com.phoneverify.transfer.consent;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.TransferId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Tells the gateway how a transfer it relayed ended ({@code transfer-completed}), in the
 * caller's transaction (transactional outbox).
 */
public interface TransferResults {

	/** A transfer reached its final state; {@code evidence} is its signed file. */
	Mono<Void> finished(Transfer transfer, MerchantId merchant, String evidence);

	/**
	 * A request that never became a transfer.
	 * @param canceled true when the merchant canceled it before it was applied, false
	 * when it was refused
	 * @param reason in words, e.g. {@code insufficient_funds}
	 */
	Mono<Void> unstarted(TransferId id, MerchantId merchant, boolean canceled, String reason);

	/** Tells the relay that results were committed (call after the commit). */
	void committed();

	/** For a service without a gateway: tells nobody. */
	TransferResults NONE = new TransferResults() {

		@Override
		public Mono<Void> finished(Transfer transfer, MerchantId merchant, String evidence) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> unstarted(TransferId id, MerchantId merchant, boolean canceled, @Nullable String reason) {
			return Mono.empty();
		}

		@Override
		public void committed() {
		}

	};

}
