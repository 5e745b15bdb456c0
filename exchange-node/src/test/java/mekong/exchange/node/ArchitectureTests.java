package mekong.exchange.node;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Both sides are on this module's class path; they must still meet only through Kafka
 * topics.
 */
class ArchitectureTests {

	static final JavaClasses NODE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("mekong.exchange");

	@Test
	void theProducerSideNeverCallsTheConsumerSide() {
		noClasses().that()
			.resideInAPackage("mekong.exchange.producer..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("mekong.exchange.consumer..")
			.check(NODE);
	}

	@Test
	void theConsumerSideNeverCallsTheProducerSide() {
		noClasses().that()
			.resideInAPackage("mekong.exchange.consumer..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("mekong.exchange.producer..")
			.check(NODE);
	}

	@Test
	void theConsoleUsesTheSidesOnlyThroughTheDeskApi() {
		noClasses().that()
			.resideInAPackage("mekong.exchange.console..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("mekong.exchange.producer..", "mekong.exchange.consumer..", "org.apache.kafka..")
			.check(NODE);
	}

	@Test
	void theCoreDependsOnNoApplication() {
		noClasses().that()
			.resideInAPackage("mekong.exchange.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("mekong.exchange.boot..", "mekong.exchange.producer..", "mekong.exchange.consumer..",
					"mekong.exchange.node..", "org.springframework..")
			.check(NODE);
	}

}
