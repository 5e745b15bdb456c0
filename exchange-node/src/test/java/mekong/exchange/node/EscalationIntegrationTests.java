package mekong.exchange.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FLASH alerts nobody accepts, with a service level of eight seconds instead of fifteen
 * minutes.
 */
class EscalationIntegrationTests {

	/** The names of the exchange's and Kafka clients' metrics. */
	static final Pattern NODE_METRIC = Pattern.compile("\\b(?:exchange|kafka)_[a-z_]+\\b(?!-)");

	static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.plain("--mekong.escalation.sla.FLASH=8s",
			"--mekong.escalation.check-interval=500ms");

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
				.satisfies((unaccepted) -> assertThat(unaccepted.get("lastStatus")).isIn("ROUTED", "RECEIVED")));
		assertThat(new Scrape(nodes.sonLaManagement().get("/actuator/prometheus").body())
			.sum("exchange_escalations_total", "partner=\"LA-HO\"", "priority=\"FLASH\"")).isGreaterThanOrEqualTo(1);

		nodes.restartSonLa();

		await().during(Duration.ofSeconds(3))
			.atMost(PATIENCE)
			.untilAsserted(() -> assertThat(escalations(nodes.sonLaDesk(), ignored)).hasSize(1));
		assertThat(ExchangeIntegrationTests.valuesOf(nodes.broker.bootstrapServers(), "exchange.VN-05.escalations",
				ignored))
			.hasSize(1);
		assertThat(escalations(nodes.sonLaDesk(), accepted)).isEmpty();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(nodes.sonLaDesk().get("/api/v1/alerts/" + ignored + "/audit").jsonList())
				.filteredOn((event) -> "ESCALATED".equals(event.get("action")))
				.singleElement()
				.satisfies((event) -> assertThat(event).containsEntry("actor", "escalator")
					.containsEntry("addressee", "LA-HO")));
		assertThat(addressee(nodes.sonLaDesk(), accepted)).containsEntry("status", "ACCEPTED")
			.containsEntry("escalated", false);
	}

	@Test
	void exportsEveryMetricTheDashboardAndTheAlertRulesUse() throws Exception {
		String alertId = ExchangeIntegrationTests.filed(nodes.sonLaDesk(),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(PATIENCE).until(() -> nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status() == 200);
		nodes.houaphanDesk()
			.post("/api/v1/inbox/" + alertId + "/acks", "{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}");
		ExchangeIntegrationTests.filed(nodes.sonLaDesk(), ExchangeIntegrationTests.suspectAlert("WEAPONS", "LA-HO"));
		ExchangeIntegrationTests.filed(nodes.sonLaDesk(),
				ExchangeIntegrationTests.suspectAlert("ONLINE_FRAUD", "LA-HO"));
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.broker.bootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			raw.send(new ProducerRecord<>("exchange.LA-HO.inbox", "garbage", new byte[] { 1, 2, 3 })).get();
		}
		Alert twice = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
		try (KafkaProducer<String, Object> avro = TestKeys.producerOf("VN-05", nodes.broker.bootstrapServers())) {
			avro.send(new ProducerRecord<>("exchange.LA-HO.inbox", twice.getAlertId().toString(), twice)).get();
			avro.send(new ProducerRecord<>("exchange.LA-HO.inbox", twice.getAlertId().toString(), twice)).get();
		}
		Set<String> used = metricNamesIn(NODE_METRIC, Path.of("..", "ops", "grafana", "dashboards"),
				Path.of("..", "ops", "prometheus"));
		assertThat(used).contains("exchange_alerts_routed_total", "exchange_ack_latency_seconds_bucket",
				"kafka_consumer_fetch_manager_records_lag_max");

		await().atMost(PATIENCE).untilAsserted(() -> {
			Set<String> exported = new TreeSet<>(
					new Scrape(nodes.sonLaManagement().get("/actuator/prometheus").body()).names());
			exported.addAll(new Scrape(nodes.houaphanManagement().get("/actuator/prometheus").body()).names());
			// a histogram is exported as its _bucket, _count, _sum and _max series
			assertThat(used).allSatisfy((name) -> assertThat(exported).containsAnyOf(name, name + "_bucket"));
		});
	}

	/**
	 * Every metric name matching {@code metric} the files under {@code folders} mention
	 * (rule tests aside).
	 */
	static Set<String> metricNamesIn(Pattern metric, Path... folders) throws IOException {
		Set<String> names = new TreeSet<>();
		for (Path folder : folders) {
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.filter((file) -> !file.getFileName().toString().endsWith("-test.yml"))
					.toList()) {
					String text = Files.readString(file);
					if (file.toString().endsWith(".json")) {
						assertThat(JsonMapper.builder().build().readTree(text).get("panels"))
							.as(file + " is a dashboard")
							.isNotEmpty();
					}
					Matcher matcher = metric.matcher(text);
					while (matcher.find()) {
						names.add(matcher.group());
					}
				}
			}
		}
		return names;
	}

	static Map<String, Object> addressee(DeskClient desk, String alertId) {
		return ExchangeIntegrationTests.addressee(desk, alertId, "LA-HO");
	}

	static List<Map<String, Object>> escalations(DeskClient desk, String alertId) {
		return (List<Map<String, Object>>) desk.get("/api/v1/alerts/" + alertId).json().get("escalations");
	}

}
