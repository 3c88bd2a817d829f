package com.phoneverify.ars.call;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.phone.PhoneNumber;

/**
 * Which numbers this deployment may dial, and each merchant: an E.164 number is called
 * only when it starts with one of the deployment's allowed prefixes and, when the
 * merchant has a list of its own, also with one of the merchant's (a merchant's list
 * narrows the deployment's, it never widens it). Everything else — premium-rate (060),
 * freephone (080), personal (050) and international numbers, and whatever a deployment
 * leaves out — is refused before dialling.
 */
public final class DestinationPolicy {

	/**
	 * Korean mobile (010, 011, 016-019), geographic (02, 031-033, 041-044, 051-055,
	 * 061-064) and 070 numbers in E.164: what the gateway accepts. Not 060 (premium
	 * rate), 080 (freephone), 050 (personal numbers) or any other country.
	 */
	public static final List<String> KOREAN_PERSONAL_NUMBERS = List.of("+8210", "+8211", "+8216", "+8217", "+8218",
			"+8219", "+822", "+8231", "+8232", "+8233", "+8241", "+8242", "+8243", "+8244", "+8251", "+8252", "+8253",
			"+8254", "+8255", "+8261", "+8262", "+8263", "+8264", "+8270");

	private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,14}");

	private final List<String> allowed;

	private final Map<String, List<String>> merchants;

	/**
	 * @param allowed the deployment's prefixes ({@code +} and digits), at least one
	 * @param merchants merchant id → that merchant's prefixes (narrowing)
	 * @throws IllegalArgumentException naming the property of a malformed prefix, or of
	 * an empty list
	 */
	public DestinationPolicy(List<String> allowed, Map<String, List<String>> merchants) {
		this.allowed = check("ars.destinations.allowed-prefixes", allowed);
		this.merchants = Map.copyOf(merchants);
		this.merchants.forEach((merchant,
				prefixes) -> check("ars.destinations.merchants." + merchant + ".allowed-prefixes", prefixes));
	}

	/** The default: {@link #KOREAN_PERSONAL_NUMBERS}, no merchant of its own. */
	public static DestinationPolicy defaults() {
		return new DestinationPolicy(KOREAN_PERSONAL_NUMBERS, Map.of());
	}

	/** Whether {@code merchant} may have {@code number} called. */
	public boolean allows(MerchantId merchant, PhoneNumber number) {
		return allows(merchant, number.e164());
	}

	/** Whether {@code merchant} may have the E.164 number {@code e164} called. */
	public boolean allows(MerchantId merchant, String e164) {
		if (!startsWithAny(e164, this.allowed)) {
			return false;
		}
		List<String> own = this.merchants.get(merchant.value());
		return own == null || startsWithAny(e164, own);
	}

	private static boolean startsWithAny(String e164, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (e164.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> check(String property, List<String> prefixes) {
		if (prefixes.isEmpty()) {
			throw new IllegalArgumentException(property + " must name at least one prefix (e.g. +8210)");
		}
		for (String prefix : prefixes) {
			if (prefix == null || !PREFIX.matcher(prefix).matches()) {
				throw new IllegalArgumentException(
						property + " holds '" + prefix + "': a prefix is + and up to 15 digits (e.g. +8210)");
			}
		}
		return List.copyOf(prefixes);
	}

}
