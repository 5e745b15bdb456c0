package mekong.exchange.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditAction;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.FreePorts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once per recipient through crashes: Son La's router and Houaphan's receiver run
 * in JVMs of their own and are killed with SIGKILL at random moments while 10,000 alerts
 * flow from Son La's outbox; afterwards every alert is in Houaphan's inbox, taken and
 * acknowledged exactly once.
 */
class CrashRecoveryIntegrationTests {

	static final Logger log = LoggerFactory.getLogger(CrashRecoveryIntegrationTests.class);

	static final int ALERTS = 10_000;

	static final int KILLS = 6;

	static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	static Path data;

	/** Kept after the run, for a look at what the killed processes did. */
	static Path logs;

	@Test
	void everyAlertReachesThePartnerExactlyOnceWhileRouterAndReceiverAreKilled() throws Exception {
		logs = Files.createDirectories(Path.of("target", "crash-test"));
		long seed = System.nanoTime();
		Random random = new Random(seed);
		try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(),
				FreePorts.next());
				ChildNode sonLa = sonLasRouter(broker, data);
				ChildNode houaphan = houaphansReceiver(broker, data)) {
			sonLa.start(START_TIMEOUT);
			houaphan.start(START_TIMEOUT);
			Instant started = Instant.now();
			Set<String> sent = new HashSet<>();
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(broker, sent));

			int kills = 0;
			List<String> killed = new ArrayList<>();
			while (kills < KILLS) {
				waitRandomly(random, 500, 3000);
				ChildNode victim = random.nextBoolean() ? sonLa : houaphan;
				victim.kill();
				killed.add((victim == sonLa) ? "VN-05 router" : "LA-HO receiver");
				kills++;
				victim.start(START_TIMEOUT);
			}
			sending.get();

			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> auditedAt(broker, "LA-HO", AuditAction.RECEIVED).size() >= ALERTS);
			Map<String, Integer> inbox = keysOf(broker, "exchange.LA-HO.inbox");
			Map<String, Integer> received = auditedAt(broker, "LA-HO", AuditAction.RECEIVED);
			Map<String, Integer> receivedAcks = acksOf(broker, AckStatus.RECEIVED);
			Map<String, Integer> routedAcks = auditedAt(broker, "VN-05", AuditAction.ROUTED);
			long missing = sent.stream().filter((id) -> !received.containsKey(id)).count();
			long duplicated = received.values().stream().filter((count) -> count > 1).count()
					+ inbox.values().stream().filter((count) -> count > 1).count();
			log.info(
					"Crash test (seed {}): {} alerts sent, {} kills ({}), {} s; inbox {} ids, received {} ids, "
							+ "RECEIVED acks {} ids, ROUTED {} ids; missing {}, duplicated {}",
					seed, sent.size(), kills, killed, Duration.between(started, Instant.now()).toSeconds(),
					inbox.size(), received.size(), receivedAcks.size(), routedAcks.size(), missing, duplicated);

			assertThat(sent).hasSize(ALERTS);
			assertThat(missing).as("alerts missing from the inbox").isZero();
			assertThat(received.keySet()).isEqualTo(sent);
			assertThat(received.values()).as("revisions taken more than once").allMatch((count) -> count == 1);
			assertThat(inbox.keySet()).isEqualTo(sent);
			assertThat(inbox.values()).as("revisions delivered to the inbox more than once")
				.allMatch((count) -> count == 1);
			assertThat(receivedAcks.keySet()).isEqualTo(sent);
			assertThat(receivedAcks.values()).as("RECEIVED acknowledgements sent more than once")
				.allMatch((count) -> count == 1);
			assertThat(routedAcks.values()).as("revisions routed more than once").allMatch((count) -> count == 1);
		}
	}

	/** Son La's sending side: its router delivers to Houaphan. */
	static ChildNode sonLasRouter(LocalKafkaBroker broker, Path stateRoot) {
		return ChildNode.sending("VN-05", broker.bootstrapServers(), SharedSchemaRegistry.url(),
				logs.resolve("VN-05.log"),
				settingsOf(stateRoot.resolve("streams").resolve("VN-05")).toArray(String[]::new));
	}

	/** Houaphan's receiving side. */
	static ChildNode houaphansReceiver(LocalKafkaBroker broker, Path stateRoot) {
		return ChildNode.receiving("LA-HO", broker.bootstrapServers(), SharedSchemaRegistry.url(),
				logs.resolve("LA-HO.log"),
				settingsOf(stateRoot.resolve("streams").resolve("LA-HO")).toArray(String[]::new));
	}

	/**
	 * The agreement of the crash test, and partitions that move to another member 6 s
	 * after one is killed instead of the default 45 s.
	 */
	static List<String> settingsOf(Path stateDir) {
		return List.of("--mekong.routing.agreements[0].id=VN-05~LA-HO/2023",
				"--mekong.routing.agreements[0].parties=VN-05,LA-HO",
				"--mekong.routing.agreements[0].valid-from=2023-01-01",
				"--mekong.routing.agreements[0].valid-to=2027-12-31",
				"--mekong.routing.agreements[0].categories=DRUG_TRAFFICKING",
				"--mekong.routing.agreements[0].highest-tlp=AMBER",
				"--spring.kafka.streams.properties.session.timeout.ms=6000",
				"--spring.kafka.streams.properties.heartbeat.interval.ms=1000", "--mekong.streams.retry-interval=500ms",
				"--mekong.streams.state-dir=" + stateDir);
	}

	static void send(LocalKafkaBroker broker, Set<String> sent) {
		AvroWireSerializer values = new AvroWireSerializer();
		values.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), values)) {
			for (int i = 0; i < ALERTS; i++) {
				Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
				producer.send(new ProducerRecord<>("exchange.VN-05.outbox", alert.getAlertId().toString(), alert));
				sent.add(alert.getAlertId().toString());
			}
			producer.flush();
		}
	}

	/** How many committed records each key has in {@code topic}. */
	static Map<String, Integer> keysOf(LocalKafkaBroker broker, String topic) {
		Map<String, Integer> counts = new HashMap<>();
		AvroTopics.readCommitted(broker, topic, (key, value) -> counts.merge(key, 1, Integer::sum));
		return counts;
	}

	/**
	 * How many times {@code node} recorded {@code action} of each alert in its audit
	 * topic, in the transaction that did it: RECEIVED at a receiver is a revision taken
	 * into its inbox, ROUTED at an origin a delivery.
	 */
	static Map<String, Integer> auditedAt(LocalKafkaBroker broker, String node, AuditAction action) {
		Map<String, Integer> counts = new HashMap<>();
		AvroTopics.readCommitted(broker, "exchange." + node + ".audit", (key, value) -> {
			if (((AuditEvent) value).getAction() == action) {
				counts.merge(key, 1, Integer::sum);
			}
		});
		return counts;
	}

	/**
	 * The actions {@code topic}, an audit topic, recorded of {@code alertId}, in order.
	 */
	static List<String> auditOf(LocalKafkaBroker broker, String topic, String alertId) {
		List<String> actions = new ArrayList<>();
		AvroTopics.readCommitted(broker, topic, (key, value) -> {
			if (key.equals(alertId)) {
				actions.add(((AuditEvent) value).getAction().name());
			}
		});
		return actions;
	}

	/**
	 * How many acknowledgements of {@code status} each alert has in Son La's acks topic.
	 */
	static Map<String, Integer> acksOf(LocalKafkaBroker broker, AckStatus status) {
		Map<String, Integer> counts = new HashMap<>();
		AvroTopics.readCommitted(broker, "exchange.VN-05.acks", (key, value) -> {
			if (((Acknowledgement) value).getStatus() == status) {
				counts.merge(key, 1, Integer::sum);
			}
		});
		return counts;
	}

	static void waitRandomly(Random random, int fromMillis, int toMillis) {
		long pause = fromMillis + random.nextInt(toMillis - fromMillis);
		await().pollDelay(Duration.ofMillis(pause)).atMost(Duration.ofMillis(pause + 1000)).until(() -> true);
	}

}
