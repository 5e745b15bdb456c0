package mekong.exchange.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("mekong.exchange.core");

	@Test
	void domainRulesArePlainJava() {
		noClasses().that()
			.resideInAnyPackage("..core.node..", "..core.agreements..", "..core.routing..", "..core.dedup..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "org.apache.avro..",
					"mekong.exchange.avro..", "com.fasterxml..")
			.because("the rules of the exchange must be testable and readable without any framework")
			.check(CORE);
	}

	@Test
	void plumbingDoesNotDependOnTheDomainRules() {
		noClasses().that()
			.resideInAnyPackage("..core.topics..", "..core.serde..", "..core.registry..", "..core.json..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..core.routing..", "..core.agreements..", "..core.dedup..")
			.check(CORE);
	}

	@Test
	void coreKnowsNothingOfSpringOrTheApplications() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "mekong.exchange.boot..", "mekong.exchange.producer..",
					"mekong.exchange.consumer..", "mekong.exchange.ops..")
			.check(CORE);
	}

	/**
	 * What changes a cluster (principals, ACLs, topics, MirrorMaker's settings) is
	 * operator tooling, in {@code exchange-ops}; the core says what is allowed.
	 */
	@Test
	void coreStatesTheRulesAndChangesNoCluster() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka.clients.admin..")
			.because("the core holds the exchange's rules; exchange-ops applies them to a cluster")
			.check(CORE);
	}

}
