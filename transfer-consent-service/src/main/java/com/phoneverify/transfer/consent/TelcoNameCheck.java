package com.phoneverify.transfer.consent;

import com.phoneverify.contracts.phone.PhoneNumber;
import reactor.core.publisher.Mono;

/**
 * The telco's check of who holds a phone (step ②: 수취인 전화번호 명의 확인). Adapters: the HTTP one
 * ({@code telco}), against a telco or the simulator.
 */
public interface TelcoNameCheck {

	/**
	 * @param expectedName the recipient account's holder name
	 * @throws NameCheckUnavailableException (as an error signal) when the telco does not
	 * answer in time or answers with an error
	 */
	Mono<NameCheck> check(PhoneNumber phone, String expectedName);

	/** The telco did not answer usably. */
	final class NameCheckUnavailableException extends RuntimeException {

		public NameCheckUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
