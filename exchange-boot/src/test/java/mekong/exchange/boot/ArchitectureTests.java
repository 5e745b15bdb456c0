package mekong.exchange.boot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

	static final JavaClasses BOOT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("mekong.exchange.boot");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("mekong.exchange.boot.(*)..").should().beFreeOfCycles().check(BOOT);
	}

	@Test
	void sharedWiringUsesNoDomainRulesButTheAgreementsBothSidesRead() {
		noClasses().that()
			.resideOutsideOfPackage("mekong.exchange.boot.agreements..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("mekong.exchange.core.routing..", "mekong.exchange.core.agreements..",
					"mekong.exchange.core.dedup..")
			.because("routing and receiving rules belong to the sides of a node, not to their shared wiring")
			.check(BOOT);
	}

}
