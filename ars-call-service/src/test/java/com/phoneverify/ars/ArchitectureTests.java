package com.phoneverify.ars;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain never reaches a protocol library; adapters are where those live. */
@AnalyzeClasses(packages = "com.phoneverify.ars", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule domainImportsNoProtocolLibrary = noClasses().that()
		.resideInAnyPackage("..ars.call..", "..ars.scenario..", "..ars.quota..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("javax.sip..", "gov.nist..", "org.apache.kafka..", "org.springframework.kafka..",
				"com.phoneverify.media..");

	@ArchTest
	static final ArchRule domainDoesNotDependOnAdapters = noClasses().that()
		.resideInAnyPackage("..ars.call..", "..ars.scenario..", "..ars.quota..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ars.trunk..", "..ars.media..", "..ars.request..", "..ars.prompt..");

	@ArchTest
	static final ArchRule callDoesNotKnowScenarios = noClasses().that()
		.resideInAPackage("..ars.call..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ars.scenario..", "..ars.quota..");

}
