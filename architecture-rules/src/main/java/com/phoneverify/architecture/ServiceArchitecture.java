package com.phoneverify.architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every service obeys, for one service: its base package (say
 * {@code com.phoneverify.ars}) and its domain packages, named relative to the base
 * ({@code call}, {@code scenario}). Immutable: {@link #domain(String...)} returns a new
 * value.
 *
 * <pre class="code">
 * ServiceArchitecture ars = ServiceArchitecture.of("com.phoneverify.ars").domain("call", "scenario", "quota");
 * ars.noPackageCycles().check(ars.importMainClasses());
 * </pre>
 *
 * or extend {@link ServiceArchitectureTests}.
 */
public final class ServiceArchitecture {

	/**
	 * The packages no domain class may depend on: protocol libraries (JAIN-SIP, Kafka,
	 * jSMPP, our RTP media engine), R2DBC (including Spring's {@code DatabaseClient}) and
	 * Spring web.
	 */
	public static final List<String> PROTOCOL_AND_FRAMEWORK_PACKAGES = List.of("javax.sip..", "gov.nist..",
			"org.apache.kafka..", "org.springframework.kafka..", "io.r2dbc..", "org.springframework.r2dbc..",
			"org.springframework.web..", "org.springframework.http..", "org.jsmpp..", "com.phoneverify.media..");

	private static final Map<String, JavaClasses> MAIN_CLASSES = new ConcurrentHashMap<>();

	private final String basePackage;

	private final List<String> domainPackages;

	private final List<String> adapterPackages;

	private ServiceArchitecture(String basePackage, List<String> domainPackages, List<String> adapterPackages) {
		this.basePackage = basePackage;
		this.domainPackages = List.copyOf(domainPackages);
		this.adapterPackages = List.copyOf(adapterPackages);
	}

	/**
	 * The architecture of the service whose classes live in and under the given package.
	 * @param basePackage the service's root package, e.g. {@code com.phoneverify.ars}
	 * @return the service, with no domain package yet
	 */
	public static ServiceArchitecture of(String basePackage) {
		if (basePackage.isBlank() || basePackage.startsWith(".") || basePackage.endsWith(".")) {
			throw new IllegalArgumentException("not a package name: '" + basePackage + "'");
		}
		return new ServiceArchitecture(basePackage, List.of(), List.of());
	}

	/**
	 * Adds domain packages: they and their subpackages must stay free of
	 * {@link #PROTOCOL_AND_FRAMEWORK_PACKAGES}.
	 * @param relativePackages packages relative to the base package, e.g. {@code call} or
	 * {@code trunk.sip}
	 * @return a new architecture with these domain packages added
	 */
	public ServiceArchitecture domain(String... relativePackages) {
		List<String> domain = new ArrayList<>(this.domainPackages);
		domain.addAll(qualified(relativePackages));
		return new ServiceArchitecture(this.basePackage, domain, this.adapterPackages);
	}

	/**
	 * Declares adapter packages inside domain packages (a feature that keeps its
	 * persistence in {@code ars.store} and its HTTP edge in {@code ars.web}): they and
	 * their subpackages are exempt from the domain rule, their feature package is not.
	 * @param relativePackages packages relative to the base package, e.g.
	 * {@code ars.store}
	 * @return a new architecture with these adapter packages added
	 */
	public ServiceArchitecture adapters(String... relativePackages) {
		List<String> adapters = new ArrayList<>(this.adapterPackages);
		adapters.addAll(qualified(relativePackages));
		return new ServiceArchitecture(this.basePackage, this.domainPackages, adapters);
	}

	private List<String> qualified(String... relativePackages) {
		List<String> packages = new ArrayList<>();
		for (String relative : relativePackages) {
			if (relative.isBlank() || relative.startsWith(".") || relative.endsWith(".")) {
				throw new IllegalArgumentException("not a relative package name: '" + relative + "'");
			}
			packages.add(this.basePackage + "." + relative);
		}
		return packages;
	}

	public String basePackage() {
		return this.basePackage;
	}

	/**
	 * @return the domain packages, fully qualified
	 */
	public List<String> domainPackages() {
		return this.domainPackages;
	}

	/**
	 * The service's production classes (test classes excluded), imported from the class
	 * path once per base package.
	 * @return the classes in and under the base package
	 */
	public JavaClasses importMainClasses() {
		return MAIN_CLASSES.computeIfAbsent(this.basePackage,
				(base) -> new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
					.importPackages(base));
	}

	/**
	 * No cycle between any two packages of the service, the base package included: every
	 * package (not only the top-level ones) is a slice of its own, so
	 * {@code com.phoneverify.ars} → {@code com.phoneverify.ars.trunk.sip} →
	 * {@code com.phoneverify.ars} is a cycle, and so is {@code verification} ↔
	 * {@code verification.batch}.
	 * @return the rule
	 */
	public ArchRule noPackageCycles() {
		return slices().assignedFrom(new EveryPackage(this.basePackage))
			.should()
			.beFreeOfCycles()
			.because("a package cycle makes the packages one unit that can only change together");
	}

	/**
	 * The domain packages (and their subpackages, but for declared adapters) depend on no
	 * protocol library, no persistence API and no web framework; adapters around them do.
	 * @return the rule
	 * @throws IllegalStateException if no domain package was declared
	 */
	public ArchRule domainIsFreeOfProtocolAndFrameworkTypes() {
		if (this.domainPackages.isEmpty()) {
			throw new IllegalStateException("declare the domain packages of " + this.basePackage + " first");
		}
		String[] domain = this.domainPackages.stream().map((name) -> name + "..").toArray(String[]::new);
		String[] adapters = this.adapterPackages.stream().map((name) -> name + "..").toArray(String[]::new);
		return noClasses().that()
			.resideInAnyPackage(domain)
			.and()
			.resideOutsideOfPackages(adapters)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(PROTOCOL_AND_FRAMEWORK_PACKAGES.toArray(String[]::new))
			.because("the domain speaks no protocol and knows no framework; its adapters do");
	}

	/**
	 * @return every common rule that applies: no package cycles, and the domain rule when
	 * domain packages are declared
	 */
	public List<ArchRule> rules() {
		return this.domainPackages.isEmpty() ? List.of(noPackageCycles())
				: List.of(noPackageCycles(), domainIsFreeOfProtocolAndFrameworkTypes());
	}

	@Override
	public String toString() {
		return this.basePackage + " (domain " + Arrays.toString(this.domainPackages.toArray()) + ")";
	}

	/** Each package in and under the base package is a slice, named by its package. */
	private static final class EveryPackage implements SliceAssignment {

		private final String basePackage;

		EveryPackage(String basePackage) {
			this.basePackage = basePackage;
		}

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			if (name.equals(this.basePackage) || name.startsWith(this.basePackage + ".")) {
				return SliceIdentifier.of(name);
			}
			return SliceIdentifier.ignore();
		}

		@Override
		public String getDescription() {
			return "the packages of " + this.basePackage;
		}

	}

}
