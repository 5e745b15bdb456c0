package mekong.exchange.node;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static mekong.exchange.node.ExchangeIntegrationTests.addressee;
import static mekong.exchange.node.ExchangeIntegrationTests.filed;
import static mekong.exchange.node.ExchangeIntegrationTests.suspectAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner whose inbox cannot be written (here: Luang Prabang, which has an agreement
 * with Son La but no inbox yet) does not hold up delivery to the other addressees: the
 * sender sees why that partner got nothing, nothing goes to the dead-letter topic, and
 * once the inbox exists alerts reach it.
 */
class UnwritableAddresseeIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.plain("--mekong.routing.agreements[2].id=VN-05~LA-LP/2024",
			"--mekong.routing.agreements[2].parties=VN-05,LA-LP",
			"--mekong.routing.agreements[2].valid-from=2024-01-01",
			"--mekong.routing.agreements[2].valid-to=2028-12-31",
			"--mekong.routing.agreements[2].categories=DRUG_TRAFFICKING",
			"--mekong.routing.agreements[2].highest-tlp=AMBER", "--mekong.routing.inbox-check-interval=1s");

	@Test
	void anAlertForAPartnerWithoutAnInboxReachesTheOthersAndTellsTheSenderWhy() {
		DeskClient sonLa = nodes.sonLaDesk();
		String alertId = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO", "LA-LP"));

		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(200));
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(addressee(sonLa, alertId, "LA-LP")).containsEntry("status", "DENIED_BY_POLICY")
				.containsEntry("reason", "INBOX_NOT_WRITABLE")
				.containsEntry("note", "exchange.LA-LP.inbox does not exist");
			assertThat(addressee(sonLa, alertId, "LA-HO")).containsEntry("status", "RECEIVED");
		});
		assertThat(ExchangeIntegrationTests.allRecordsOf(nodes.broker.bootstrapServers(), "exchange.VN-05.dlq"))
			.isEmpty();

		nodes.createTopicsOfAnotherNode("LA-LP");
		await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			String later = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-LP"));
			await().atMost(Duration.ofSeconds(10)).until(() -> addressee(sonLa, later, "LA-LP").get("status") != null);
			Map<String, Object> status = addressee(sonLa, later, "LA-LP");
			assertThat(status).containsEntry("status", "ROUTED");
		});
	}

}
