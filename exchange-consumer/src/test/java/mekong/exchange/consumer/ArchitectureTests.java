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
	void theInboxKnowsNothingOfHowItIsFed() {
		noClasses().that()
			.resideInAPackage("..consumer.inbox..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..consumer.receiving..")
			.check(CONSUMER);
	}

	@Test
	void theStreamsApplicationServesEveryFeatureAndDependsOnNone() {
		noClasses().that()
			.resideInAnyPackage("..consumer.streams..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..consumer.receiving..", "..consumer.inbox..")
			.check(CONSUMER);
	}

}
