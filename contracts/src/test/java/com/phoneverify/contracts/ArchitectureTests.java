package com.phoneverify.contracts;

import com.phoneverify.architecture.ContractsArchitecture;
import com.phoneverify.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The contracts use no Spring type and have no package cycle. */
class ArchitectureTests {

	@Test
	void contractsUseNoSpring() {
		ContractsArchitecture.noSpring().check(ContractsArchitecture.importMainClasses());
	}

	@Test
	void packagesAreFreeOfCycles() {
		ServiceArchitecture contracts = ServiceArchitecture.of(ContractsArchitecture.BASE_PACKAGE);
		contracts.noPackageCycles().check(contracts.importMainClasses());
	}

}
