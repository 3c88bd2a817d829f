package com.phoneverify.ars;

import com.phoneverify.architecture.ServiceArchitecture;
import com.phoneverify.architecture.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shared rules (no package cycles; {@code call}, {@code scenario} and {@code quota}
 * import no protocol library), then the service's own: the domain never reaches an
 * adapter, and a call knows no scenario.
 */
class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super(ServiceArchitecture.of("com.phoneverify.ars").domain("call", "scenario", "quota"));
	}

	@Test
	void domainDoesNotDependOnAdapters() {
		noClasses().that()
			.resideInAnyPackage("..ars.call..", "..ars.scenario..", "..ars.quota..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..ars.trunk..", "..ars.media..", "..ars.request..", "..ars.prompt..", "..ars.store..")
			.check(mainClasses());
	}

	@Test
	void callDoesNotKnowScenarios() {
		noClasses().that()
			.resideInAPackage("..ars.call..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..ars.scenario..", "..ars.quota..")
			.check(mainClasses());
	}

}
