package mekong.exchange.consumer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

	static final JavaClasses CONSUMER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("mekong.exchange.consumer");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("mekong.exchange.consumer.(*)..").should().beFreeOfCycles().check(CONSUMER);
	}

	@Test
	void routingAndReceivingAreIndependent() {
		noClasses().that()
			.resideInAPackage("..consumer.routing..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..consumer.receiving..", "..consumer.inbox..")
			.check(CONSUMER);
		noClasses().that()
			.resideInAPackage("..consumer.receiving..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..consumer.routing..", "..consumer.inbox..")
			.check(CONSUMER);
	}

	@Test
	void acknowledgementsContractFactsAndTheStreamsApplicationServeEveryFeatureAndDependOnNone() {
		noClasses().that()
			.resideInAnyPackage("..consumer.acks..", "..consumer.contract..", "..consumer.streams..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..consumer.routing..", "..consumer.receiving..", "..consumer.inbox..")
			.check(CONSUMER);
	}

}
