package com.phoneverify.gateway;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The structure of the gateway: domain features speak no protocol library, a feature's
 * repositories are its own, and the problem renderer knows no feature.
 */
class ArchitectureTests {

	private static final String BASE = "com.phoneverify.gateway";

	private static final List<String> INTERNAL_SUFFIXES = List.of("Repository", "Relay", "Sender", "Listener",
			"Controller", "Sweeper");

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void domainPackagesImportNoKafkaOrR2dbc() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".verification..", BASE + ".merchant..", BASE + ".ars")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.r2dbc..")
			.check(CLASSES);
	}

	/**
	 * A feature's internals (repositories, relays, senders, listeners, controllers,
	 * sweepers) are used only inside that feature; other features go through its public
	 * API ({@code Outbox}, {@code WebhookDeliveries}, {@code MerchantDirectory},
	 * {@code VerificationService}, {@code NonceStore}).
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
				.check(CLASSES);
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
			.check(CLASSES);
	}

	@Test
	void merchantsDependOnNoOtherFeature() {
		noClasses().that()
			.resideInAPackage(BASE + ".merchant..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".verification..", BASE + ".signing..", BASE + ".outbox..", BASE + ".ars..",
					BASE + ".webhook..")
			.check(CLASSES);
	}

}
