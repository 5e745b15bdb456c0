package mekong.exchange.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Origin;
import mekong.exchange.core.fixtures.Alerts;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static mekong.exchange.node.ExchangeIntegrationTests.filed;
import static mekong.exchange.node.ExchangeIntegrationTests.suspectAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one desk types cannot stop a node, on real brokers: a thousand answers to one
 * alert, each with a note as long as the desk API takes, and an alert of 250 KB revised
 * five times, are each kept in records of their own; the desk that reaches the limit of
 * answers is told which limit; and afterwards a fresh alert from each partner is
 * delivered and both nodes' views answer, with nothing dead-lettered.
 */
class BoundedRecordsIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.plain("--mekong.limits.answers-per-alert-and-desk=1000");

	@BeforeAll
	static void startTwoNodesAnsweringAThousandTimesAtMost() {
		nodes.createTopicsOfAnotherNode("LA-LP");
	}

	@Test
	void aThousandAnswersAndALargeAlertRevisedFiveTimesLeaveBothNodesWorking() throws Exception {
		DeskClient sonLa = nodes.sonLaDesk();
		DeskClient houaphan = nodes.houaphanDesk();
		String answered = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(houaphan.get("/api/v1/inbox/" + answered).status()).isEqualTo(200));

		String note = "Checkpoint report: " + "x".repeat(1980);
		String answer = "{\"status\": \"ACTIONED\", \"officer\": \"Capt. Khamphone\", \"note\": \"" + note + "\"}";
		ExecutorService desks = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> statuses = IntStream.range(0, 1000)
				.mapToObj((i) -> desks
					.submit(() -> houaphan.post("/api/v1/inbox/" + answered + "/acks", answer).status()))
				.toList();
			for (Future<Integer> status : statuses) {
				assertThat(status.get()).isEqualTo(201);
			}
		}
		finally {
			desks.shutdown();
		}
		DeskClient.Answer tooMany = houaphan.post("/api/v1/inbox/" + answered + "/acks", answer);
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.json()).containsEntry("limit", "answers-per-alert-and-desk").containsEntry("maximum", 1000);
		assertThat(houaphan.get("/api/v1/inbox/" + answered).json()).containsEntry("deskAckCount", 1000);

		String large = filed(sonLa, largeAlert(0));
		for (int revision = 2; revision <= 5; revision++) {
			DeskClient.Answer revised = sonLa.post("/api/v1/alerts/" + large + "/revisions",
					"{\"messageType\": \"UPDATE\", \"revisionNote\": \"more\", " + "\"alert\": " + largeAlert(revision)
							+ "}");
			assertThat(revised.status()).as(revised.body()).isEqualTo(201);
		}
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(houaphan.get("/api/v1/inbox/" + large).json()).containsEntry("revision", 5));

		String fromSonLa = filed(sonLa, suspectAlert("WEAPONS", "LA-HO"));
		Alert fromLuangPrabang = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
		fromLuangPrabang.setOrigin(new Origin("LA-LP", "luang-prabang-hotline", "Maj. Somphone"));
		try (KafkaProducer<String, Object> producer = TestKeys.producerOf("LA-LP", nodes.broker.bootstrapServers())) {
			producer
				.send(new ProducerRecord<>("exchange.LA-HO.inbox", fromLuangPrabang.getAlertId().toString(),
						fromLuangPrabang))
				.get();
		}
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(houaphan.get("/api/v1/inbox/" + fromSonLa).status()).isEqualTo(200);
			assertThat(houaphan.get("/api/v1/inbox/" + fromLuangPrabang.getAlertId()).status()).isEqualTo(200);
			assertThat(sonLa.get("/api/v1/alerts/" + fromSonLa).json().get("addressees").toString())
				.contains("RECEIVED");
		});
		assertThat(houaphan.get("/api/v1/inbox?limit=10").status()).isEqualTo(200);
		assertThat(sonLa.get("/api/v1/alerts?limit=10").status()).isEqualTo(200);
		assertThat(ExchangeIntegrationTests.allRecordsOf(nodes.broker.bootstrapServers(), "exchange.LA-HO.dlq"))
			.isEmpty();
		assertThat(ExchangeIntegrationTests.allRecordsOf(nodes.broker.bootstrapServers(), "exchange.VN-05.dlq"))
			.isEmpty();
		assertThat(nodes.houaphanManagement().get("/actuator/health/readiness").json()).containsEntry("status", "UP");
	}

	/**
	 * An idle node spares its broker: once what it took is visible to desks, each of its
	 * Kafka Streams applications commits only when an upkeep check runs (erasure every 10
	 * s, escalation every 15 s), not a transaction every commit interval (100 ms).
	 */
	@Test
	void anIdleNodeCommitsOnlyWhenItsUpkeepRuns() throws Exception {
		String alertId = filed(nodes.sonLaDesk(), suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(ExchangeIntegrationTests.addressee(nodes.sonLaDesk(), alertId, "LA-HO"))
				.containsEntry("status", "RECEIVED"));
		List<KafkaStreams> applications = new ArrayList<>();
		for (ConfigurableApplicationContext node : List.of(nodes.sonLa, nodes.houaphan)) {
			for (String side : List.of("&producerStreams", "&consumerStreams")) {
				applications.add(node.getBean(side, StreamsBuilderFactoryBean.class).getKafkaStreams());
			}
		}

		AtomicReference<Double> windowStart = new AtomicReference<>(commits(applications));
		await().alias("at most 4 commits of the four applications in 2 s, idle")
			.atMost(PATIENCE)
			.during(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				double now = commits(applications);
				if (now - windowStart.get() > 4) {
					windowStart.set(now);
					return false;
				}
				return true;
			});
	}

	/** How many times the stream threads of {@code applications} committed so far. */
	private static double commits(List<KafkaStreams> applications) {
		return applications.stream()
			.flatMap((application) -> application.metrics().entrySet().stream())
			.filter((metric) -> metric.getKey().group().equals("stream-thread-metrics")
					&& metric.getKey().name().equals("commit-total"))
			.mapToDouble((metric) -> (Double) metric.getValue().metricValue())
			.sum();
	}

	/**
	 * A suspect alert of about 250 KB of JSON (the desk API takes 256 KB): fifty persons,
	 * each with a long description and many aliases.
	 */
	static String largeAlert(int revision) {
		StringBuilder persons = new StringBuilder();
		for (int person = 0; person < 50; person++) {
			List<String> aliases = new ArrayList<>();
			for (int alias = 0; alias < 14; alias++) {
				aliases.add("\"" + "Alias %d-%d of revision %d ".formatted(person, alias, revision).repeat(6) + "\"");
			}
			persons.append((person > 0) ? "," : "")
				.append("{\"fullName\": \"Person %d of the network\", \"aliases\": [%s], \"description\": \"%s\"}"
					.formatted(person, String.join(",", aliases), "d".repeat(1990)));
		}
		return """
				{"officer": "Lt. Nguyen Van An", "priority": "IMMEDIATE", "category": "DRUG_TRAFFICKING",
				 "handling": {"tlp": "AMBER", "sourceReliability": "B", "infoCredibility": 2}, "addressees": ["LA-HO"],
				 "language": "en", "summary": "The network behind the Huoi Nha couple",
				 "payload": {"type": "SuspectAlert", "persons": [%s]}}
				""".formatted(persons);
	}

}
