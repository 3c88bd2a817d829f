package com.phoneverify.ars.call;

import java.util.List;
import java.util.Map;

import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.MerchantId;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which numbers the call service dials (issue 13, #10). */
class DestinationPolicyTests {

	private static final MerchantId SHOP = MerchantId.of("shop");

	private final DestinationPolicy defaults = DestinationPolicy.defaults();

	@Test
	void byDefaultKoreanMobileGeographicAnd070NumbersAreCalled() {
		assertThat(List.of("+821012345678", "+82111234567", "+82161234567", "+82191234567", "+8221234567",
				"+82311234567", "+82441234567", "+82551234567", "+82641234567", "+827012345678"))
			.allSatisfy((number) -> assertThat(this.defaults.allows(SHOP, number)).as(number).isTrue());
	}

	@Test
	void byDefaultPremiumRateFreephonePersonalAndInternationalNumbersAreRefused() {
		assertThat(List.of("+82601234567", "+826012345678", // 060 premium rate
				"+82801234567", // 080 freephone
				"+825012345678", // 050 personal numbers
				"+82151234567", // 015 (pagers, gone)
				"+8215881234", // 1588 representative numbers
				"+12025550123", "+441632960123", "+881612345678", // other countries,
																	// satellite
				"+85021234567" // +850, not +82
		)).allSatisfy((number) -> assertThat(this.defaults.allows(SHOP, number)).as(number).isFalse());
	}

	@Test
	void aMerchantsOwnListNarrowsTheDeploymentsAndLeavesOtherMerchantsAlone() {
		DestinationPolicy policy = new DestinationPolicy(DestinationPolicy.KOREAN_PERSONAL_NUMBERS,
				Map.of("shop", List.of("+8210")));

		assertThat(policy.allows(SHOP, "+821012345678")).isTrue();
		assertThat(policy.allows(SHOP, "+8221234567")).isFalse();
		assertThat(policy.allows(MerchantId.of("other"), "+8221234567")).isTrue();
	}

	@Test
	void aMerchantsListNeverWidensTheDeployments() {
		DestinationPolicy policy = new DestinationPolicy(List.of("+8210"), Map.of("shop", List.of("+82", "+1")));

		assertThat(policy.allows(SHOP, "+821012345678")).isTrue();
		assertThat(policy.allows(SHOP, "+8221234567")).isFalse();
		assertThat(policy.allows(SHOP, "+12025550123")).isFalse();
	}

	@Test
	void malformedOrEmptyListsStopTheStartNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DestinationPolicy(List.of(), Map.of()))
			.withMessageContaining("ars.destinations.allowed-prefixes");
		assertThatIllegalArgumentException().isThrownBy(() -> new DestinationPolicy(List.of("8210"), Map.of()))
			.withMessageContaining("ars.destinations.allowed-prefixes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DestinationPolicy(List.of("+8210"), Map.of("shop", List.of("+82-10"))))
			.withMessageContaining("ars.destinations.merchants.shop.allowed-prefixes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DestinationPolicy(List.of("+8210"), Map.of("shop", List.of())))
			.withMessageContaining("ars.destinations.merchants.shop.allowed-prefixes");
	}

	@Test
	void theConfiguredDefaultIsTheDocumentedListAndMerchantsBindFromProperties() {
		ArsProperties.Destinations unset = bind(Map.of()).destinations();
		assertThat(unset.allowedPrefixes()).containsExactlyElementsOf(DestinationPolicy.KOREAN_PERSONAL_NUMBERS);
		assertThat(unset.merchants()).isEmpty();

		ArsProperties.Destinations set = bind(Map.of("ars.destinations.allowed-prefixes", "+8210,+822",
				"ars.destinations.merchants.shop-1.allowed-prefixes", "+822"))
			.destinations();
		assertThat(set.allowedPrefixes()).containsExactly("+8210", "+822");
		assertThat(set.merchants().get("shop-1").allowedPrefixes()).containsExactly("+822");
	}

	private static ArsProperties bind(Map<String, String> config) {
		return new Binder(new MapConfigurationPropertySource(config)).bindOrCreate("ars", ArsProperties.class);
	}

}
