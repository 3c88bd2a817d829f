package com.phoneverify.otp;

import com.phoneverify.architecture.ServiceArchitecture;
import com.phoneverify.architecture.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shared rules (no package cycles; the domain imports no protocol library), then the
 * service's own: the algorithms and the QR encoder know no Spring and nothing else of the
 * service, and the domain never reaches an adapter.
 */
class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super(ServiceArchitecture.of("com.phoneverify.otp")
			.domain("algorithm", "token", "registration", "incident", "mobile", "inquiry", "channel", "audit",
					"registry", "provisioning")
			.adapters("token.store", "audit.store", "registry.simulator"));
	}

	@Test
	void algorithmsArePlainJava() {
		noClasses().that()
			.resideInAnyPackage("..otp.algorithm..", "..otp.provisioning..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "reactor..", "com.phoneverify.otp.token..",
					"com.phoneverify.contracts..")
			.check(mainClasses());
	}

	@Test
	void domainDoesNotDependOnAdapters() {
		noClasses().that()
			.resideInAnyPackage("..otp.token", "..otp.registration..", "..otp.incident..", "..otp.mobile..",
					"..otp.inquiry..", "..otp.channel..", "..otp.audit", "..otp.registry")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..otp.token.store..", "..otp.audit.store..", "..otp.registry.simulator..",
					"..otp.web..", "..otp.transfer..")
			.check(mainClasses());
	}

}
