package mekong.exchange.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FLASH alerts nobody accepts, with a service level of two seconds instead of fifteen
 * minutes.
 */
class EscalationIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	static Path data;

	static TwoNodes nodes;

	@BeforeAll
	static void startTwoNodes() {
		nodes = new TwoNodes(data, "--mekong.escalation.sla.FLASH=2s", "--mekong.escalation.check-interval=500ms");
	}

	@AfterAll
	static void stopTwoNodes() {
		nodes.close();
	}

	@Test
	void escalatesAFlashAlertNotAcceptedInTimeOnceAlsoAcrossARestartButNotOneAccepted() {
		DeskClient sonLa = nodes.sonLaDesk();
		String ignored = ExchangeIntegrationTests.filed(sonLa,
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		String accepted = ExchangeIntegrationTests.filed(sonLa,
				ExchangeIntegrationTests.suspectAlert("WEAPONS", "LA-HO"));
		await().atMost(PATIENCE).until(() -> nodes.houaphanDesk().get("/api/v1/inbox/" + accepted).status() == 200);
		nodes.houaphanDesk()
			.post("/api/v1/inbox/" + accepted + "/acks",
					"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}");

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, ignored)).containsEntry("escalated", true));
		assertThat(escalations(sonLa, ignored)).singleElement()
			.satisfies((escalation) -> assertThat(escalation).containsEntry("addressee", "LA-HO")
				.containsEntry("priority", "FLASH")
				.containsEntry("lastStatus", "RECEIVED"));
		assertThat(nodes.sonLaManagement().get("/actuator/prometheus").body())
			.contains("exchange_escalations_total{node=\"VN-05\",partner=\"LA-HO\",priority=\"FLASH\"} 1.0");

		nodes.restartSonLa();

		await().during(Duration.ofSeconds(3))
			.atMost(PATIENCE)
			.untilAsserted(() -> assertThat(escalations(nodes.sonLaDesk(), ignored)).hasSize(1));
		assertThat(ExchangeIntegrationTests.valuesOf(nodes.broker.bootstrapServers(), "exchange.VN-05.escalations",
				ignored))
			.hasSize(1);
		assertThat(escalations(nodes.sonLaDesk(), accepted)).isEmpty();
		assertThat(addressee(nodes.sonLaDesk(), accepted)).containsEntry("status", "ACCEPTED")
			.containsEntry("escalated", false);
	}

	static Map<String, Object> addressee(DeskClient desk, String alertId) {
		return ExchangeIntegrationTests.addressee(desk, alertId, "LA-HO");
	}

	static List<Map<String, Object>> escalations(DeskClient desk, String alertId) {
		return (List<Map<String, Object>>) desk.get("/api/v1/alerts/" + alertId).json().get("escalations");
	}

}
