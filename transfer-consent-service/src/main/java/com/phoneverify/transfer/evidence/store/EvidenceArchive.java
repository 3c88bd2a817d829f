package com.phoneverify.transfer.evidence.store;

import com.phoneverify.contracts.TransferId;
import com.phoneverify.transfer.evidence.SignedEvidence;
import reactor.core.publisher.Mono;

/** Reads kept evidence. */
public interface EvidenceArchive {

	/** The signed document of a finished transfer, or empty. */
	Mono<SignedEvidence> find(TransferId id);

}
