package com.phoneverify.architecture;

import com.phoneverify.architecture.fixture.kafka.adapter.KafkaAdapter;
import com.phoneverify.architecture.fixture.kafka.call.Call;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each shared rule rejects a small bad fixture and accepts a good one. */
class ServiceArchitectureRulesTests {

	private static final String FIXTURE = "com.phoneverify.architecture.fixture";

	@Test
	void aCycleBetweenTheRootPackageAndADeepSubpackageIsFound() {
		ServiceArchitecture cyclic = ServiceArchitecture.of(FIXTURE + ".cyclic");
		assertThatThrownBy(() -> cyclic.noPackageCycles().check(classesOf(FIXTURE + ".cyclic")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Cycle detected")
			.hasMessageContaining(FIXTURE + ".cyclic.trunk.sip")
			.hasMessageContaining("CyclicTrunk")
			.hasMessageContaining("CyclicProperties");
	}

	@Test
	void packagesThatDependOneWayPass() {
		ServiceArchitecture acyclic = ServiceArchitecture.of(FIXTURE + ".acyclic");
		assertThatCode(() -> acyclic.noPackageCycles().check(classesOf(FIXTURE + ".acyclic")))
			.doesNotThrowAnyException();
	}

	@Test
	void aDomainClassThatImportsKafkaIsRejected() {
		ServiceArchitecture service = ServiceArchitecture.of(FIXTURE + ".kafka").domain("call");
		assertThatThrownBy(() -> service.domainIsFreeOfProtocolAndFrameworkTypes().check(classesOf(FIXTURE + ".kafka")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("CallPublisher")
			.hasMessageContaining("org.apache.kafka.clients.producer.ProducerRecord")
			.hasMessageNotContaining("KafkaAdapter");
	}

	@Test
	void aDomainClassThatUsesDatabaseClientIsRejected() {
		ServiceArchitecture service = ServiceArchitecture.of(FIXTURE + ".r2dbc").domain("call");
		assertThatThrownBy(() -> service.domainIsFreeOfProtocolAndFrameworkTypes().check(classesOf(FIXTURE + ".r2dbc")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("CallRepository")
			.hasMessageContaining("org.springframework.r2dbc.core.DatabaseClient");
	}

	@Test
	void adaptersMaySpeakKafka() {
		ServiceArchitecture service = ServiceArchitecture.of(FIXTURE + ".kafka").domain("call");
		JavaClasses cleanDomainAndAnAdapter = new ClassFileImporter().importClasses(Call.class, KafkaAdapter.class);
		assertThatCode(() -> service.domainIsFreeOfProtocolAndFrameworkTypes().check(cleanDomainAndAnAdapter))
			.doesNotThrowAnyException();
	}

	@Test
	void anAdapterInsideADomainPackageIsRejectedUnlessDeclared() {
		ServiceArchitecture undeclared = ServiceArchitecture.of(FIXTURE + ".nested").domain("call");
		assertThatThrownBy(
				() -> undeclared.domainIsFreeOfProtocolAndFrameworkTypes().check(classesOf(FIXTURE + ".nested")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("CallStore");
		ServiceArchitecture declared = undeclared.adapters("call.store");
		assertThatCode(() -> declared.domainIsFreeOfProtocolAndFrameworkTypes().check(classesOf(FIXTURE + ".nested")))
			.doesNotThrowAnyException();
	}

	@Test
	void aDomainPackageWithNoClassFails() {
		ServiceArchitecture typo = ServiceArchitecture.of(FIXTURE + ".kafka").domain("cal");
		assertThatThrownBy(() -> typo.domainIsFreeOfProtocolAndFrameworkTypes().check(classesOf(FIXTURE + ".kafka")))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void theDomainRuleNeedsDomainPackages() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceArchitecture.of(FIXTURE).domainIsFreeOfProtocolAndFrameworkTypes());
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceArchitecture.of(FIXTURE).domain(".call"));
	}

	@Test
	void contractsThatUseSpringAreRejected() {
		assertThatThrownBy(
				() -> ContractsArchitecture.noSpring(FIXTURE + ".spring").check(classesOf(FIXTURE + ".spring")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("SpringEvent")
			.hasMessageContaining("org.springframework.util.Assert");
	}

	@Test
	void contractsWithoutSpringPass() {
		assertThatCode(() -> ContractsArchitecture.noSpring(FIXTURE + ".plain").check(classesOf(FIXTURE + ".plain")))
			.doesNotThrowAnyException();
	}

	private static JavaClasses classesOf(String... packages) {
		return new ClassFileImporter().importPackages(packages);
	}

}
