package com.phoneverify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule for the {@code contracts} module: every service, whatever its framework, reads
 * the events, so the contracts' classes use no Spring type (the module may still get
 * Jackson through a Spring Boot starter; what counts is what its classes import).
 */
public final class ContractsArchitecture {

	/** The package of the contracts module. */
	public static final String BASE_PACKAGE = "com.phoneverify.contracts";

	private ContractsArchitecture() {
	}

	/**
	 * @return no class of {@link #BASE_PACKAGE} depends on {@code org.springframework..}
	 */
	public static ArchRule noSpring() {
		return noSpring(BASE_PACKAGE);
	}

	/**
	 * @param basePackage the package whose classes (and its subpackages' classes) must
	 * use no Spring type
	 * @return the rule
	 */
	public static ArchRule noSpring(String basePackage) {
		return noClasses().that()
			.resideInAPackage(basePackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.because("the contracts are read by every service, whatever framework it runs on");
	}

	/**
	 * @return the contracts' production classes (test classes excluded)
	 */
	public static JavaClasses importMainClasses() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(BASE_PACKAGE);
	}

}
