package com.phoneverify.gateway;

import java.util.List;

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

	ArchitectureTests() {
		// each feature keeps its persistence in .store and its HTTP edge in .web, behind
		// a port of the feature; ARS call results arrive over Kafka in ars.callresult
		super(ServiceArchitecture.of(BASE)
			.domain("verification", "merchant", "ars", "transfer")
			.adapters("verification.store", "merchant.store", "merchant.web", "ars.store", "ars.web", "ars.callresult",
					"transfer.store", "transfer.web", "transfer.result"));
	}

	/**
	 * A feature's internals (repositories, relays, senders, listeners, controllers,
	 * sweepers) are used only inside that feature; other features go through its public
	 * API ({@code WebhookDeliveries}, {@code MerchantDirectory}, {@code Verifications},
	 * {@code ArsVerificationService}, {@code NonceStore}).
	 */
	@Test
	void featureInternalsAreUsedOnlyInsideTheirFeature() {
		for (String feature : new String[] { "merchant", "signing", "verification", "ars", "webhook", "transfer" }) {
			String featurePackage = BASE + "." + feature;
			DescribedPredicate<JavaClass> internals = DescribedPredicate.describe("internals of " + feature,
					(type) -> (type.getPackageName().equals(featurePackage)
							|| type.getPackageName().startsWith(featurePackage + "."))
							&& INTERNAL_SUFFIXES.stream().anyMatch(type.getSimpleName()::endsWith));
			classes().that(internals)
				.should()
				.onlyHaveDependentClassesThat()
				.resideInAPackage(featurePackage + "..")
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
