package mekong.exchange.node;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import mekong.exchange.avro.AccessEvent;
import mekong.exchange.avro.AccessKind;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditAction;
import mekong.exchange.avro.Origin;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.infra.LocalCertificates;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.producer.ProducerApplication;
import mekong.exchange.testing.FreePorts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one side of a node, each with its own state folder, sharing the node's
 * partitions: a desk gets the same answers from either, whichever holds the alert.
 */
class NodeInstancesIntegrationTests {

	static final Logger log = LoggerFactory.getLogger(NodeInstancesIntegrationTests.class);

	static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	static final int PAGE = 1000;

	@TempDir
	static Path data;

	/**
	 * Houaphan's consumer side, each instance in a JVM of its own, its desk API over
	 * HTTPS. One is killed with SIGKILL while 10,000 alerts flow from Son La and started
	 * again: every alert is taken exactly once, both instances answer with the whole
	 * inbox and the same entries, and a desk's answer given at either is seen at both.
	 * The instances pass calls on to each other over HTTPS with the desk's own token; a
	 * call passed on with a token of another desk is refused there as at the door.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void bothInstancesAnswerWithTheWholeInboxAndEveryAlertIsTakenOnceThoughOneIsKilled() throws Exception {
		CrashRecoveryIntegrationTests.logs = Files.createDirectories(Path.of("target", "instances-test"));
		int deskOfA = FreePorts.next();
		int deskOfB = FreePorts.next();
		LocalCertificates tls = LocalCertificates.in(data.resolve("desk-tls"));
		try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(),
				FreePorts.next());
				ChildNode sonLa = CrashRecoveryIntegrationTests.sonLasRouter(broker, data);
				ChildNode houaphanA = houaphan("a", deskOfA, broker, httpsWith(tls));
				ChildNode houaphanB = houaphan("b", deskOfB, broker, httpsWith(tls))) {
			sonLa.start(START_TIMEOUT);
			houaphanA.start(START_TIMEOUT);
			houaphanB.start(START_TIMEOUT);
			Set<String> sent = ConcurrentHashMap.newKeySet();
			Random random = new Random();
			CompletableFuture<Void> sending = CompletableFuture
				.runAsync(() -> CrashRecoveryIntegrationTests.send(broker, sent));
			CrashRecoveryIntegrationTests.waitRandomly(random, 1500, 3000);
			houaphanB.kill();
			CrashRecoveryIntegrationTests.waitRandomly(random, 1000, 2000);
			houaphanB.start(START_TIMEOUT);
			sending.get();

			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> CrashRecoveryIntegrationTests.auditedAt(broker, "LA-HO", AuditAction.RECEIVED)
					.size() >= sent.size());
			Map<String, Integer> received = CrashRecoveryIntegrationTests.auditedAt(broker, "LA-HO",
					AuditAction.RECEIVED);
			assertThat(received.keySet()).isEqualTo(sent);
			assertThat(received.values()).as("revisions taken more than once").allMatch((count) -> count == 1);
			assertThat(CrashRecoveryIntegrationTests.acksOf(broker, AckStatus.RECEIVED).values())
				.as("RECEIVED acknowledgements sent more than once")
				.hasSize(sent.size())
				.allMatch((count) -> count == 1);

			DeskClient atA = overHttps(deskOfA, tls, "desk.laho");
			DeskClient atB = overHttps(deskOfB, tls, "desk.laho");
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(wholeInbox(atA)).isEqualTo(sent));
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(wholeInbox(atB)).isEqualTo(sent));

			Set<String> fromLuangPrabang = reportsOfTheSameCouple(broker);
			await().atMost(Duration.ofMinutes(1))
				.until(() -> CrashRecoveryIntegrationTests.auditedAt(broker, "LA-HO", AuditAction.RECEIVED)
					.keySet()
					.containsAll(fromLuangPrabang));
			List<String> sample = new ArrayList<>(sent).subList(0, 12);
			for (String alertId : sample) {
				DeskClient.Answer fromA = atA.get("/api/v1/inbox/" + alertId);
				DeskClient.Answer fromB = atB.get("/api/v1/inbox/" + alertId);
				assertThat(fromA.status()).isEqualTo(200);
				assertThat(fromB.status()).isEqualTo(200);
				assertThat(fromB.json()).isEqualTo(fromA.json());
				assertThat((List<Map<String, Object>>) fromA.json().get("possiblySamePersons"))
					.as("Luang Prabang's reports linked from wherever they are held")
					.filteredOn((link) -> "Vang De Mua".equals(link.get("person"))
							&& "LA-LP".equals(link.get("reportedBy")))
					.extracting((link) -> (String) link.get("inAlert"))
					.containsExactlyInAnyOrderElementsOf(fromLuangPrabang);
			}
			List<AccessEvent> entriesRead = new ArrayList<>();
			AvroTopics.readCommitted(broker, "exchange.LA-HO.access", (user, event) -> {
				if (((AccessEvent) event).getRead() == AccessKind.INBOX_ENTRY) {
					entriesRead.add((AccessEvent) event);
				}
			});
			assertThat(entriesRead).as("each entry read on record by the instance that answered, for the desk's login")
				.allSatisfy((read) -> assertThat(read.getUser()).isEqualTo("desk.laho"))
				.allSatisfy((read) -> assertThat(read.getInstance()).isIn("a", "b"))
				.flatExtracting(AccessEvent::getAlertIds)
				.containsAll(sample);
			for (String alertId : sample.subList(0, 6)) {
				assertThat(atB
					.post("/api/v1/inbox/" + alertId + "/acks",
							"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}")
					.status()).isEqualTo(201);
				assertThat(atA.get("/api/v1/inbox/" + alertId).json()).containsEntry("deskStatus", "ACCEPTED");
			}

			try (InboxEvents eventsAtA = new InboxEvents(deskOfA, tls);
					InboxEvents eventsAtB = new InboxEvents(deskOfB, tls)) {
				Set<String> taken = reportsOfTheSameCouple(broker, 24);
				await().atMost(Duration.ofMinutes(1))
					.untilAsserted(() -> assertThat(eventsAtA.alertIds()).as("events at A").containsAll(taken));
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(eventsAtB.alertIds()).as("events at B").containsAll(taken));
			}
		}
	}

	/**
	 * The inbox events a desk receives from one instance's {@code /api/v1/inbox/stream},
	 * read as the console's EventSource reads them.
	 */
	static final class InboxEvents implements AutoCloseable {

		private final Set<String> alertIds = ConcurrentHashMap.newKeySet();

		private final CompletableFuture<HttpResponse<Stream<String>>> stream;

		InboxEvents(int deskPort, LocalCertificates tls) throws Exception {
			CountDownLatch opened = new CountDownLatch(1);
			this.stream = HttpClient.newBuilder()
				.sslContext(DeskClient.trusting(tls.authority()))
				.build()
				.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + deskPort + "/api/v1/inbox/stream"))
					.header("Authorization", "Bearer " + TestTokens.deskToken("desk.laho"))
					.header("Accept", "text/event-stream")
					.build(), HttpResponse.BodyHandlers.ofLines());
			this.stream.thenAccept((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				try (Stream<String> lines = response.body()) {
					lines.forEach((line) -> {
						opened.countDown();
						Matcher alertId = Pattern.compile("^data:.*\"alertId\":\"([0-9a-f-]{36})\"").matcher(line);
						if (alertId.find()) {
							this.alertIds.add(alertId.group(1));
						}
					});
				}
				catch (UncheckedIOException closed) {
					// The test is over.
				}
			});
			assertThat(opened.await(30, TimeUnit.SECONDS)).as("the stream opened").isTrue();
		}

		Set<String> alertIds() {
			return this.alertIds;
		}

		@Override
		public void close() {
			this.stream.thenAccept((response) -> response.body().close());
		}

	}

	@Test
	void bothInstancesOfTheProducerSideFileReviseAndShowTheSameAlertsAndEscalateEachOnce() {
		try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka-producer"), FreePorts.next(),
				FreePorts.next());
				ConfigurableApplicationContext first = sonLaProducer("a", broker);
				ConfigurableApplicationContext second = sonLaProducer("b", broker)) {
			DeskClient atFirst = DeskClient.withBearer(TwoNodes.urlOf(first), TestTokens.deskToken("desk.vn05"));
			DeskClient atSecond = DeskClient.withBearer(TwoNodes.urlOf(second), TestTokens.deskToken("desk.vn05"));
			await().atMost(START_TIMEOUT)
				.until(() -> atFirst.get("/api/v1/alerts").status() == 200
						&& atSecond.get("/api/v1/alerts").status() == 200);

			List<String> filed = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				DeskClient filing = (i % 2 == 0) ? atFirst : atSecond;
				DeskClient reading = (i % 2 == 0) ? atSecond : atFirst;
				String alertId = ExchangeIntegrationTests.filed(filing,
						ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
				// 503 (try again) while the two instances share out the partitions anew
				await().atMost(Duration.ofSeconds(15))
					.untilAsserted(() -> assertThat(reading.get("/api/v1/alerts/" + alertId).status())
						.as("read back at the other instance")
						.isEqualTo(200));
				filed.add(alertId);
			}
			String key = UUID.randomUUID().toString();
			String json = ExchangeIntegrationTests.suspectAlert("WEAPONS", "LA-HO");
			DeskClient.Answer original = atFirst.post("/api/v1/alerts", json, "Idempotency-Key", key);
			DeskClient.Answer retry = atSecond.post("/api/v1/alerts", json, "Idempotency-Key", key);
			assertThat(original.status()).isEqualTo(201);
			assertThat(retry.status()).isEqualTo(201);
			assertThat(retry.json().get("alertId")).isEqualTo(original.json().get("alertId"));
			assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(atSecond
				.post("/api/v1/alerts", ExchangeIntegrationTests.suspectAlert("WEAPONS"), "Idempotency-Key", key)
				.status()).isEqualTo(422);

			String cancelled = filed.get(0);
			DeskClient.Answer revision = atSecond.post("/api/v1/alerts/" + cancelled + "/revisions",
					"{\"messageType\": \"CANCEL\", \"revisionNote\": \"Wrong village\", \"officer\": \"Lt. Nguyen Van An\"}");
			assertThat(revision.status()).as(revision.body()).isEqualTo(201);
			assertThat(revision.json()).containsEntry("revision", 2);
			assertThat(atFirst.get("/api/v1/alerts/" + cancelled).json()).containsEntry("cancelled", true);

			List<String> overdue = filed.subList(1, filed.size());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> CrashRecoveryIntegrationTests.keysOf(broker, "exchange.VN-05.escalations")
					.keySet()
					.containsAll(overdue));
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				Map<String, Integer> escalations = CrashRecoveryIntegrationTests.keysOf(broker,
						"exchange.VN-05.escalations");
				assertThat(overdue).allSatisfy(
						(alertId) -> assertThat(escalations.get(alertId)).as("escalations of " + alertId).isEqualTo(1));
			});
			for (String alertId : filed) {
				assertThat(atSecond.get("/api/v1/alerts/" + alertId).json())
					.isEqualTo(atFirst.get("/api/v1/alerts/" + alertId).json());
			}
			for (DeskClient desk : List.of(atFirst, atSecond)) {
				assertThat(desk.get("/api/v1/alerts?limit=500").jsonList())
					.extracting((alert) -> (String) alert.get("alertId"))
					.containsAll(filed);
			}
		}
	}

	/**
	 * An instance of Son La's producer side in this JVM, with its own state folder,
	 * routing to Houaphan (whose topics a node of its own would create); FLASH alerts are
	 * escalated after 4 s.
	 */
	static ConfigurableApplicationContext sonLaProducer(String instance, LocalKafkaBroker broker) {
		TwoNodes.createTopicsOfAnotherNode(broker.bootstrapServers(), "LA-HO");
		List<String> arguments = new ArrayList<>(List.of("--mekong.node.id=VN-05", "--mekong.node.instance=" + instance,
				"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"--mekong.registry.url=" + SharedSchemaRegistry.url(), "--server.port=0", "--management.server.port=0",
				"--mekong.streams.state-dir=" + data.resolve("streams").resolve("VN-05-" + instance),
				"--spring.kafka.streams.properties.session.timeout.ms=6000",
				"--spring.kafka.streams.properties.heartbeat.interval.ms=1000", "--mekong.escalation.sla.FLASH=4s",
				"--mekong.escalation.check-interval=500ms"));
		arguments.addAll(TestTokens.nodeArguments());
		arguments.addAll(TestKeys.arguments("VN-05"));
		arguments.addAll(TwoNodes.AGREEMENTS);
		return SpringApplication.run(ProducerApplication.class, arguments.toArray(String[]::new));
	}

	/**
	 * Six reports from Luang Prabang about the couple of Son La's alerts, written into
	 * Houaphan's inbox as Luang Prabang's router would: their ids spread over the
	 * partitions, so over both instances.
	 */
	static Set<String> reportsOfTheSameCouple(LocalKafkaBroker broker) throws Exception {
		return reportsOfTheSameCouple(broker, 6);
	}

	static Set<String> reportsOfTheSameCouple(LocalKafkaBroker broker, int reports) throws Exception {
		TwoNodes.createTopicsOfAnotherNode(broker.bootstrapServers(), "LA-LP");
		Set<String> ids = new HashSet<>();
		try (KafkaProducer<String, Object> luangPrabang = TestKeys.producerOf("LA-LP", broker.bootstrapServers())) {
			for (int i = 0; i < reports; i++) {
				Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID())
					.setOrigin(new Origin("LA-LP", "luang-prabang-hotline", "Maj. Bounmy"))
					.setSentAt(Instant.now())
					.build();
				luangPrabang.send(new ProducerRecord<>("exchange.LA-HO.inbox", alert.getAlertId().toString(), alert))
					.get();
				ids.add(alert.getAlertId().toString());
			}
		}
		return ids;
	}

	/** Every alert id of the desk's active inbox, page after page. */
	static Set<String> wholeInbox(DeskClient desk) {
		Set<String> ids = new HashSet<>();
		String page = "/api/v1/inbox?limit=" + PAGE;
		while (page != null) {
			DeskClient.Answer answer = desk.get(page);
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			answer.jsonList()
				.forEach((entry) -> assertThat(ids.add((String) entry.get("alertId")))
					.as("listed twice: " + entry.get("alertId"))
					.isTrue());
			String link = answer.header("Link");
			page = (link != null) ? link.substring(link.indexOf("/api/"), link.indexOf('>')) : null;
		}
		log.info("{} alerts listed", ids.size());
		return ids;
	}

	/**
	 * An instance of Houaphan's receiving side, with its own state folder and desk port.
	 */
	static ChildNode houaphan(String instance, int deskPort, LocalKafkaBroker broker, String... more) {
		List<String> settings = new ArrayList<>(
				CrashRecoveryIntegrationTests.settingsOf(data.resolve("streams").resolve("LA-HO-" + instance)));
		settings.addAll(List.of("--mekong.routing.agreements[1].id=LA-HO~LA-LP/2024",
				"--mekong.routing.agreements[1].parties=LA-HO,LA-LP",
				"--mekong.routing.agreements[1].valid-from=2024-01-01",
				"--mekong.routing.agreements[1].valid-to=2028-12-31",
				"--mekong.routing.agreements[1].categories=DRUG_TRAFFICKING",
				"--mekong.routing.agreements[1].highest-tlp=AMBER", "--mekong.node.instance=" + instance,
				"--server.port=" + deskPort));
		settings.addAll(TestTokens.nodeArguments());
		settings.addAll(List.of(more));
		return ChildNode.receiving("LA-HO", broker.bootstrapServers(), SharedSchemaRegistry.url(),
				CrashRecoveryIntegrationTests.logs.resolve("LA-HO-" + instance + ".log"),
				settings.toArray(String[]::new));
	}

	/**
	 * The desk API over HTTPS with the certificate {@code tls} signed for localhost,
	 * trusting what that authority signs when calling another instance; the management
	 * port stays plain HTTP, as in compose.
	 */
	static String[] httpsWith(LocalCertificates tls) {
		return new String[] { "--server.ssl.bundle=desk",
				"--spring.ssl.bundle.pem.desk.keystore.certificate=" + tls.localhostChain(),
				"--spring.ssl.bundle.pem.desk.keystore.private-key=" + tls.localhostKey(),
				"--spring.ssl.bundle.pem.desk.truststore.certificate=" + tls.authority(),
				"--management.server.ssl.enabled=false" };
	}

	static DeskClient overHttps(int port, LocalCertificates tls, String user) {
		return DeskClient.withBearer("https://localhost:" + port, TestTokens.deskToken(user),
				DeskClient.trusting(tls.authority()));
	}

	static DeskClient desk(int port) {
		return DeskClient.withBearer("http://localhost:" + port, TestTokens.deskToken("desk.laho"));
	}

}
