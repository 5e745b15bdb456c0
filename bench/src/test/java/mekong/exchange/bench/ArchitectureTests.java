package mekong.exchange.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	static final JavaClasses BENCH = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("mekong.exchange.bench");

	/**
	 * The benchmarks measure the exchange as its users meet it: the desk API, the topics
	 * with their contract and signatures, the metrics, and the local stack's launcher. A
	 * node's own classes are free to change without them.
	 */
	@Test
	void drivesTheNodesOnlyThroughWhatTheyOffer() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("mekong.exchange.boot..", "mekong.exchange.producer..", "mekong.exchange.consumer..",
					"mekong.exchange.console..", "mekong.exchange.node..")
			.check(BENCH);
	}

}
