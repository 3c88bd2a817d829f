package com.phoneverify.contracts.transfer;

import java.util.Objects;
import java.util.regex.Pattern;

import com.phoneverify.contracts.EventType;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import org.jspecify.annotations.Nullable;

/**
 * A 2-WAY transfer requested through the gateway ended: the payload on topic
 * {@code transfer-completed} (key: the verification id; schema
 * {@code transfer-completed.v1.json}); exactly one per {@code transfer-requested}.
 *
 * @param reason why it did not execute, in words ({@code insufficient_funds},
 * {@code max_wrong_codes}, …); null when executed
 * @param evidence the signed evidence file (canonical JSON; personal data in it only
 * masked and as salted commitments), null when refused (nothing happened to prove)
 */
public record TransferCompleted(VerificationId verificationId, MerchantId merchantId, TransferOutcome outcome,
		@Nullable String reason, @Nullable String evidence) {

	public static final String TYPE = "transfer-completed";

	public static final int VERSION = 1;

	public static final EventType<TransferCompleted> EVENT_TYPE = new EventType<>(TYPE, VERSION,
			TransferCompleted.class);

	private static final Pattern REASON = Pattern.compile("[a-z_]{1,64}");

	public TransferCompleted {
		Objects.requireNonNull(verificationId, "verificationId");
		Objects.requireNonNull(merchantId, "merchantId");
		Objects.requireNonNull(outcome, "outcome");
		if (reason != null && !REASON.matcher(reason).matches()) {
			throw new IllegalArgumentException("reason must be lower-case words joined by _");
		}
	}

}
