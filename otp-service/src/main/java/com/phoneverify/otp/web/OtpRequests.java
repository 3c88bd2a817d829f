package com.phoneverify.otp.web;

import java.math.BigDecimal;

import com.phoneverify.otp.channel.Channel;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.mobile.IdentityEvidence;
import com.phoneverify.otp.token.TokenKind;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies. Every field may be missing on the wire; {@link Fields} names what
 * is missing. {@code toString} never shows a real-name id, code or PIN.
 */
final class OtpRequests {

	private OtpRequests() {
	}

	/** Who asks and where; every request carries them. */
	interface Called {

		@Nullable String actor();

		@Nullable Channel channel();

	}

	record HardwareRequest(@Nullable String realNameId, @Nullable CustomerKind customerKind,
			@Nullable String vendorCode, @Nullable String serial, @Nullable String responseCode, @Nullable String actor,
			@Nullable Channel channel) implements Called {

		@Override
		public String toString() {
			return "HardwareRequest[" + this.vendorCode + "/" + this.serial + "]";
		}

	}

	record CustomerRequest(@Nullable String realNameId, @Nullable CustomerKind customerKind, @Nullable String actor,
			@Nullable Channel channel) implements Called {

		@Override
		public String toString() {
			return "CustomerRequest[" + this.customerKind + "]";
		}

	}

	record MobileIssueRequest(@Nullable String realNameId, @Nullable CustomerKind customerKind,
			@Nullable String deviceId, @Nullable String pin, @Nullable IdentityEvidence evidence,
			@Nullable Boolean replaceExisting, @Nullable String actor, @Nullable Channel channel) implements Called {

		@Override
		public String toString() {
			return "MobileIssueRequest[" + this.deviceId + "]";
		}

	}

	record VerifyRequest(@Nullable String realNameId, @Nullable TokenKind tokenKind, @Nullable String code,
			@Nullable String pin, @Nullable String actor, @Nullable Channel channel) implements Called {

		@Override
		public String toString() {
			return "VerifyRequest[" + this.tokenKind + "]";
		}

	}

	record ResyncRequest(@Nullable String realNameId, @Nullable String firstCode, @Nullable String secondCode,
			@Nullable String actor, @Nullable Channel channel) implements Called {

		@Override
		public String toString() {
			return "ResyncRequest[]";
		}

	}

	record TransferVerifyRequest(@Nullable String realNameId, @Nullable TokenKind tokenKind,
			@Nullable String recipientAccount, @Nullable BigDecimal amount, @Nullable String code, @Nullable String pin,
			@Nullable String actor, @Nullable Channel channel) implements Called {

		@Override
		public String toString() {
			return "TransferVerifyRequest[" + this.tokenKind + "]";
		}

	}

	record InquiryRequest(@Nullable String realNameId) {

		@Override
		public String toString() {
			return "InquiryRequest[]";
		}

	}

}
