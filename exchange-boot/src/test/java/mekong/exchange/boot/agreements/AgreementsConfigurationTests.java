package mekong.exchange.boot.agreements;

import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.agreements.AgreementBook;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Agreements are checked when the node starts: a bad one stops it with the reason. */
class AgreementsConfigurationTests {

	final ApplicationContextRunner node = new ApplicationContextRunner().withUserConfiguration(Routing.class)
		.withPropertyValues("mekong.node.id=VN-05", "mekong.node.time-zone=Asia/Ho_Chi_Minh",
				"mekong.topics.partitions=3", "mekong.topics.replication-factor=1", "mekong.topics.retention=30d",
				"mekong.topics.audit-retention=3650d", "mekong.routing.agreements[0].id=VN-05~LA-HO/2023",
				"mekong.routing.agreements[0].parties=VN-05,LA-HO",
				"mekong.routing.agreements[0].valid-from=2023-01-01",
				"mekong.routing.agreements[0].valid-to=2027-12-31",
				"mekong.routing.agreements[0].categories=DRUG_TRAFFICKING,WEAPONS",
				"mekong.routing.agreements[0].highest-tlp=AMBER");

	@Test
	void startsWithAValidAgreement() {
		this.node.run((context) -> assertThat(context).hasNotFailed()
			.getBean(AgreementBook.class)
			.satisfies((book) -> assertThat(book.all()).hasSize(1)));
	}

	@Test
	void keepsWhatItReceivesForTheAgreementsRetentionOrAYearByDefault() {
		this.node.withPropertyValues("mekong.routing.agreements[1].id=VN-05~LA-LP/2024",
				"mekong.routing.agreements[1].parties=VN-05,LA-LP",
				"mekong.routing.agreements[1].valid-from=2024-01-01",
				"mekong.routing.agreements[1].valid-to=2027-12-31", "mekong.routing.agreements[1].categories=WEAPONS",
				"mekong.routing.agreements[1].highest-tlp=GREEN", "mekong.routing.agreements[1].retention=90d")
			.run((context) -> assertThat(context.getBean(AgreementBook.class).all())
				.extracting((agreement) -> agreement.retention().toDays())
				.containsExactly(365L, 90L));
	}

	@Test
	void refusesToStartWithAnAgreementThatLetsTheReceiverKeepNothing() {
		this.node.withPropertyValues("mekong.routing.agreements[0].retention=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lets the receiver keep nothing"));
	}

	@Test
	void refusesToStartWhenItsTopicsWouldKeepWhatAPartnerSendsLongerThanTheAgreementAllows() {
		this.node.withPropertyValues("mekong.routing.agreements[0].retention=7d")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mekong.topics.retention (PT720H) is longer than the retention of agreement"));
	}

	@Test
	void refusesToStartWithAnAgreementNamingAnUnknownNode() {
		this.node.withPropertyValues("mekong.routing.agreements[0].parties=VN-05,LA-ZZ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("names LA-ZZ, which is not a known node"));
	}

	@Test
	void refusesToStartWithOverlappingAgreements() {
		this.node
			.withPropertyValues("mekong.routing.agreements[1].id=VN-05~LA-HO/2026",
					"mekong.routing.agreements[1].parties=LA-HO,VN-05",
					"mekong.routing.agreements[1].valid-from=2026-01-01",
					"mekong.routing.agreements[1].valid-to=2030-12-31",
					"mekong.routing.agreements[1].categories=WEAPONS", "mekong.routing.agreements[1].highest-tlp=GREEN")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("overlap"));
	}

	@Test
	void refusesToStartWithAnAgreementThatEndsBeforeItStarts() {
		this.node.withPropertyValues("mekong.routing.agreements[0].valid-to=2022-12-31")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ends (2022-12-31) before it starts (2023-01-01)"));
	}

	@Test
	void refusesToStartWithoutTheHighestTlpLabel() {
		this.node.withPropertyValues("mekong.routing.agreements[0].highest-tlp=")
			.run((context) -> assertThat(context).hasFailed().getFailure().hasMessageContaining("mekong.routing"));
	}

	@Test
	void refusesToStartAsAnUnknownNode() {
		this.node.withPropertyValues("mekong.node.id=VN-99")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mekong.node.id names VN-99, which is not a known node"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ RoutingProperties.class, NodeProperties.class, TopicProperties.class })
	@Import(AgreementsConfiguration.class)
	static class Routing {

	}

}
