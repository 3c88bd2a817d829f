package com.phoneverify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The common rules as JUnit tests: a service's {@code ArchitectureTests} extends this,
 * names its architecture, and adds its own rules as further tests.
 *
 * <pre class="code">
 * class ArchitectureTests extends ServiceArchitectureTests {
 *
 * 	ArchitectureTests() {
 * 		super(ServiceArchitecture.of("com.phoneverify.otp").domain("otp", "policy"));
 * 	}
 *
 * }
 * </pre>
 */
public abstract class ServiceArchitectureTests {

	private final ServiceArchitecture architecture;

	protected ServiceArchitectureTests(ServiceArchitecture architecture) {
		this.architecture = architecture;
	}

	/**
	 * @return the service's architecture
	 */
	protected final ServiceArchitecture architecture() {
		return this.architecture;
	}

	/**
	 * @return the service's production classes, imported once per test run
	 */
	protected final JavaClasses mainClasses() {
		return this.architecture.importMainClasses();
	}

	@Test
	void packagesAreFreeOfCycles() {
		this.architecture.noPackageCycles().check(mainClasses());
	}

	@Test
	void domainIsFreeOfProtocolAndFrameworkTypes() {
		// a service without a declared domain would pass this rule by saying nothing
		Assertions.assertFalse(this.architecture.domainPackages().isEmpty(), "declare the domain packages of "
				+ this.architecture.basePackage() + " with ServiceArchitecture.of(...).domain(...)");
		this.architecture.domainIsFreeOfProtocolAndFrameworkTypes().check(mainClasses());
	}

}
