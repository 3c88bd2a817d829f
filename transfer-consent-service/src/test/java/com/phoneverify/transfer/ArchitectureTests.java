package com.phoneverify.transfer;

import com.phoneverify.architecture.ServiceArchitecture;
import com.phoneverify.architecture.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shared rules (no package cycles; {@code ledger}, {@code consent} and
 * {@code evidence} import no protocol library), then the service's own: the domain never
 * reaches an adapter, and the evidence verifier needs only the JDK.
 */
class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super(ServiceArchitecture.of("com.phoneverify.transfer")
			.domain("ledger", "consent", "evidence")
			.adapters("ledger.store", "consent.store", "consent.kafka", "consent.sms", "evidence.store"));
	}

	@Test
	void domainDoesNotDependOnAdapters() {
		noClasses().that()
			.resideInAnyPackage("com.phoneverify.transfer.ledger", "com.phoneverify.transfer.consent",
					"com.phoneverify.transfer.evidence")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..transfer.web..", "..transfer.telco..", "..store..", "..kafka..", "..sms..")
			.check(mainClasses());
	}

	@Test
	void theEvidenceVerifierNeedsOnlyTheJdk() {
		noClasses().that()
			.resideInAPackage("com.phoneverify.transfer.evidence")
			.and()
			.doNotHaveSimpleName("EvidenceDocuments")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("java..", "javax..", "com.phoneverify.transfer.evidence", "org.jspecify..")
			.check(mainClasses());
	}

}
