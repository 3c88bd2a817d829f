package com.phoneverify.gateway;

import java.util.List;
import java.util.Set;

import com.phoneverify.architecture.ServiceArchitecture;
import com.phoneverify.architecture.ServiceArchitectureTests;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The structure of the gateway: the shared rules (no package cycles, a domain free of
 * protocol and framework types), then its own: a feature's repositories are its own, and
 * the problem renderer knows no feature.
 */
class ArchitectureTests extends ServiceArchitectureTests {

	private static final String BASE = "com.phoneverify.gateway";

	private static final List<String> INTERNAL_SUFFIXES = List.of("Repository", "Relay", "Sender", "Listener",
			"Controller", "Sweeper");

	/**
	 * What {@code verification}, {@code ars} and {@code merchant} use today and the
	 * shared domain rule forbids: their repositories use {@code DatabaseClient} and their
	 * controllers Spring web. Once persistence and web move out of them, they become
	 * domain packages and {@link #verificationAndMerchantsUseNoProtocolLibrary()} goes.
	 */
	private static final Set<String> TOLERATED_IN_VERIFICATION_AND_MERCHANT = Set.of("org.springframework.r2dbc..",
			"org.springframework.web..", "org.springframework.http..");

	ArchitectureTests() {
		// only the packages that obey the domain rule today; verification and merchant
		// join once their repositories and controllers have moved out
		super(ServiceArchitecture.of(BASE).domain("verification.batch"));
	}

	/**
	 * Until they are domain packages, {@code verification} and {@code merchant} obey the
	 * domain rule except for {@link #TOLERATED_IN_VERIFICATION_AND_MERCHANT}: no Kafka,
	 * no R2DBC SPI, no SIP, SMPP or media.
	 */
	@Test
	void verificationAndMerchantsUseNoProtocolLibrary() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".verification..", BASE + ".merchant..", BASE + ".ars")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ServiceArchitecture.PROTOCOL_AND_FRAMEWORK_PACKAGES.stream()
				.filter((name) -> !TOLERATED_IN_VERIFICATION_AND_MERCHANT.contains(name))
				.toArray(String[]::new))
			.check(mainClasses());
	}

	/**
	 * A feature's internals (repositories, relays, senders, listeners, controllers,
	 * sweepers) are used only inside that feature; other features go through its public
	 * API ({@code WebhookDeliveries}, {@code MerchantDirectory}, {@code Verifications},
	 * {@code ArsVerificationService}, {@code NonceStore}).
	 */
	@Test
	void featureInternalsAreUsedOnlyInsideTheirFeature() {
		for (String feature : new String[] { "merchant", "signing", "verification", "ars", "ars.callresult",
				"webhook" }) {
			String featurePackage = BASE + "." + feature;
			DescribedPredicate<JavaClass> internals = DescribedPredicate.describe("internals of " + feature,
					(type) -> type.getPackageName().equals(featurePackage)
							&& INTERNAL_SUFFIXES.stream().anyMatch(type.getSimpleName()::endsWith));
			classes().that(internals)
				.should()
				.onlyHaveDependentClassesThat()
				.resideInAPackage(featurePackage)
				.allowEmptyShould(true)
				.check(mainClasses());
		}
	}

	@Test
	void theWebPackageKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage(BASE + ".web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".verification..", BASE + ".merchant..", BASE + ".signing..", BASE + ".outbox..",
					BASE + ".ars..", BASE + ".webhook..")
			.check(mainClasses());
	}

	@Test
	void merchantsDependOnNoOtherFeature() {
		noClasses().that()
			.resideInAPackage(BASE + ".merchant..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".verification..", BASE + ".signing..", BASE + ".outbox..", BASE + ".ars..",
					BASE + ".webhook..")
			.check(mainClasses());
	}

}
