package com.phoneverify.sms;

import com.phoneverify.architecture.ServiceArchitecture;
import com.phoneverify.architecture.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shared rules (no package cycles; the domain packages {@code smsc},
 * {@code outbound}, {@code inbound} and {@code recipient} import no protocol library),
 * then the service's own: the domain never reaches an adapter.
 */
class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super(ServiceArchitecture.of("com.phoneverify.sms").domain("smsc", "outbound", "inbound", "recipient"));
	}

	@Test
	void domainDoesNotDependOnAdapters() {
		noClasses().that()
			.resideInAnyPackage("..sms.smsc..", "..sms.outbound..", "..sms.inbound..", "..sms.recipient..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..sms.smpp..", "..sms.store..", "..sms.intake..", "..sms.settings..")
			.check(mainClasses());
	}

	@Test
	void outboundAndInboundDoNotKnowEachOther() {
		noClasses().that()
			.resideInAPackage("..sms.outbound..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..sms.inbound..")
			.check(mainClasses());
		noClasses().that()
			.resideInAPackage("..sms.inbound..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..sms.outbound..")
			.check(mainClasses());
	}

}
