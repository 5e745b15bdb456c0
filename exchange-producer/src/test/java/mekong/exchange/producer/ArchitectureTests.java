package mekong.exchange.producer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

	static final JavaClasses PRODUCER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("mekong.exchange.producer");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("mekong.exchange.producer.(*)..").should().beFreeOfCycles().check(PRODUCER);
	}

	@Test
	void publishingKnowsNothingOfTheDeskOrTheSenderView() {
		noClasses().that()
			.resideInAPackage("..producer.publish..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..producer.desk..", "..producer.tracking..")
			.check(PRODUCER);
	}

	@Test
	void routingAndTheSenderViewKnowNothingOfTheDesk() {
		noClasses().that()
			.resideInAnyPackage("..producer.routing..", "..producer.escalation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..producer.desk..", "org.springframework.web..")
			.check(PRODUCER);
	}

	@Test
	void theSenderViewIsFedByKafkaNotByTheDesk() {
		noClasses().that()
			.resideInAPackage("..producer.tracking..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..producer.desk..", "org.springframework.web..")
			.check(PRODUCER);
	}

}
