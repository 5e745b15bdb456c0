package mekong.exchange.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.ProducerFactory;

import static mekong.exchange.node.ExchangeIntegrationTests.acceptanceOfCaptainKhamphone;
import static mekong.exchange.node.ExchangeIntegrationTests.acceptedByCaptainKhamphone;
import static mekong.exchange.node.ExchangeIntegrationTests.addressee;
import static mekong.exchange.node.ExchangeIntegrationTests.filed;
import static mekong.exchange.node.ExchangeIntegrationTests.suspectAlert;
import static mekong.exchange.node.ExchangeIntegrationTests.withTlp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The exchange across a real border: Son La on the Vietnamese cluster, Houaphan on the
 * Lao one, each country's MirrorMaker 2 pulling home what is addressed to its nodes.
 */
class BorderIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	/**
	 * The names of MirrorMaker's metrics, as the border link's exporter publishes them.
	 */
	static final Pattern MIRROR_MAKER_METRIC = Pattern.compile("\\bmirrormaker_[a-z_]+\\b");

	@TempDir
	static Path data;

	static TwoCountries countries;

	@BeforeAll
	static void startTwoCountries() {
		countries = new TwoCountries(data);
	}

	@AfterAll
	static void stopTwoCountries() {
		countries.close();
	}

	@Test
	void anAlertFiledAtSonLaIsReadAtHouaphanAndItsAcceptanceComesBack() throws IOException {
		DeskClient sonLa = countries.sonLaDesk();
		DeskClient houaphan = countries.houaphanDesk();

		String alertId = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(houaphan.get("/api/v1/inbox").jsonList())
				.filteredOn((entry) -> alertId.equals(entry.get("alertId")))
				.singleElement()
				.satisfies((entry) -> assertThat(entry).containsEntry("origin", "VN-05").containsEntry("revision", 1)));
		acceptedByCaptainKhamphone(houaphan, alertId);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, alertId, "LA-HO"))
				.containsAllEntriesOf(acceptanceOfCaptainKhamphone())
				.containsEntry("waitingFor", null));
		List<Map<String, Object>> history = (List<Map<String, Object>>) sonLa.get("/api/v1/alerts/" + alertId)
			.json()
			.get("history");
		assertThat(history).extracting((ack) -> (Object) ack.get("status"))
			.containsExactly("ROUTED", "RECEIVED", "ACCEPTED");
		Scrape laoLink = new Scrape(
				DeskClient.anonymous(countries.mirrorMakerOf(TwoCountries.LAOS).metricsUrl()).get("").body());
		assertThat(laoLink.sum("mirrormaker_record_count", "topic=\"exchange.LA-HO.inbox\"")).isGreaterThanOrEqualTo(1);
		assertThat(laoLink.sum("mirrormaker_replication_latency_ms_max", "topic=\"exchange.LA-HO.inbox\""))
			.isPositive();
		assertThat(laoLink.sum("mirrormaker_source_records_lag", "topic=\"exchange.LA-HO.inbox\"")).isZero();
		Set<String> used = EscalationIntegrationTests.metricNamesIn(MIRROR_MAKER_METRIC,
				Path.of("..", "ops", "grafana", "dashboards"), Path.of("..", "ops", "prometheus"));
		assertThat(used).isNotEmpty();
		assertThat(laoLink.names()).as("what the dashboard and the alert rules use").containsAll(used);
	}

	@Test
	void nothingNotAddressedToALaoNodeReachesTheLaoCluster() {
		DeskClient sonLa = countries.sonLaDesk();
		String toHouaphan = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		String toThanhHoa = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", TwoCountries.THANH_HOA));
		String deniedToHouaphan = filed(sonLa, withTlp(suspectAlert("WEAPONS", "LA-HO"), "RED"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, toHouaphan, "LA-HO")).containsEntry("status", "RECEIVED"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, deniedToHouaphan, "LA-HO")).containsEntry("status",
					"DENIED_BY_POLICY"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, toThanhHoa, TwoCountries.THANH_HOA))
				.containsEntry("status", "ROUTED"));

		Map<String, Set<String>> keysOnLaos = keysByTopic(countries.laos);
		assertThat(keysOnLaos.keySet()).filteredOn((topic) -> topic.startsWith("exchange."))
			.allMatch(
					(topic) -> topic.startsWith("exchange.LA-") || topic.equals(Topics.inbox(NodeId.of("VN-05")).name())
							|| topic.equals(Topics.acks(NodeId.of("VN-05")).name()),
					"a Lao node's topic, or what leaves for VN-05");
		Set<String> everyKey = new HashSet<>();
		keysOnLaos.values().forEach(everyKey::addAll);
		assertThat(everyKey).contains(toHouaphan).doesNotContain(toThanhHoa, deniedToHouaphan);
		assertThat(keysByTopic(countries.vietnam).get(Topics.inbox(NodeId.of(TwoCountries.THANH_HOA)).name()))
			.contains(toThanhHoa);
	}

	@Test
	void theLaoMirrorMakerReadsOnTheVietnameseClusterOnlyWhatLeavesForLaos() {
		Map<String, Object> settings = new HashMap<>(
				countries.vietnam.clientSettings(BorderCrossing.mirrorUsernameOf(TwoCountries.LAOS),
						TwoCountries.passwordOf(BorderCrossing.mirrorUsernameOf(TwoCountries.LAOS))));
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			for (String topic : List.of(Topics.outbox(NodeId.of("VN-05")).name(),
					Topics.inbox(NodeId.of("VN-05")).name(), Topics.inbox(NodeId.of(TwoCountries.THANH_HOA)).name())) {
				consumer.assign(List.of(new TopicPartition(topic, 0)));
				consumer.seekToBeginning(consumer.assignment());
				assertThatExceptionOfType(TopicAuthorizationException.class).as(topic)
					.isThrownBy(() -> consumer.poll(Duration.ofSeconds(5)));
			}
			consumer.assign(List.of(new TopicPartition(Topics.inbox(NodeId.of("LA-HO")).name(), 0)));
			consumer.seekToBeginning(consumer.assignment());
			consumer.poll(Duration.ofSeconds(1));
		}
	}

	@Test
	void tenThousandRevisionsFiledWhileTheLinkIsDownCrossOnceInOrderWhenItIsBack() {
		countries.stopMirrorMaker(TwoCountries.LAOS);
		List<String> alertIds = fileAtSonLa(2_500, 4);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(revisionsIn(countries.vietnam, alertIds))
				.as("routed to Houaphan on the Vietnamese cluster, waiting for the border link")
				.isEqualTo(10_000));
		assertThat(revisionsIn(countries.laos, alertIds)).as("across the border while the link is down").isZero();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(countries.sonLaDesk(), alertIds.get(0), "LA-HO"))
				.containsEntry("status", "ROUTED")
				.containsEntry("waitingFor", "BORDER_LINK"));

		countries.startMirrorMaker(TwoCountries.LAOS);

		assertDeliveredOnceInOrderAndAcknowledged(alertIds, 4);
	}

	@Test
	void revisionsStillCrossExactlyOnceWhenTheMirrorMakerIsKilledMidway() {
		List<String> alertIds = fileAtSonLa(2_000, 2);
		await().atMost(PATIENCE).until(() -> revisionsIn(countries.laos, alertIds) > 0);
		countries.killMirrorMaker(TwoCountries.LAOS);
		assertThat(revisionsIn(countries.laos, alertIds)).as("killed midway").isLessThan(4_000);

		countries.startMirrorMaker(TwoCountries.LAOS);

		assertDeliveredOnceInOrderAndAcknowledged(alertIds, 2);
	}

	/**
	 * Files {@code alerts} alerts for Houaphan at Son La, each with {@code revisions}
	 * revisions in order, as its desk does: into its outbox, in its producer's settings.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> fileAtSonLa(int alerts, int revisions) {
		ProducerFactory<String, Object> sonLaProducers = countries.sonLa.getBean(ProducerFactory.class);
		Map<String, Object> settings = new HashMap<>(sonLaProducers.getConfigurationProperties());
		settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		List<String> alertIds = new ArrayList<>();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(settings, new StringSerializer(),
				sonLaProducers.getValueSerializerSupplier().get())) {
			for (int i = 0; i < alerts; i++) {
				Alert first = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
				alertIds.add(first.getAlertId().toString());
				for (int revision = 1; revision <= revisions; revision++) {
					Alert alert = (revision == 1) ? first
							: Alert.newBuilder(first)
								.setRevision(revision)
								.setMessageType(MessageType.UPDATE)
								.setRevisionNote("Revision " + revision)
								.build();
					producer.send(new ProducerRecord<>(Topics.outbox(NodeId.of("VN-05")).name(),
							alert.getAlertId().toString(), alert));
				}
			}
			producer.flush();
		}
		return alertIds;
	}

	/**
	 * Every revision of {@code alertIds} is in Houaphan's inbox on the Lao cluster
	 * exactly once and in order, and Son La has Houaphan's RECEIVED for each, back across
	 * the border.
	 */
	private static void assertDeliveredOnceInOrderAndAcknowledged(List<String> alertIds, int revisions) {
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(revisionsIn(countries.laos, alertIds))
				.isGreaterThanOrEqualTo(alertIds.size() * revisions));
		Map<String, List<Integer>> arrived = revisionsByAlert(countries.laos, alertIds);
		List<Integer> inOrder = IntStream.rangeClosed(1, revisions).boxed().toList();
		assertThat(arrived.size()).isEqualTo(alertIds.size());
		assertThat(arrived.entrySet()).as("alerts whose revisions did not arrive once each, in order")
			.filteredOn((alert) -> !alert.getValue().equals(inOrder))
			.isEmpty();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(
					receivedBy(countries.vietnam, Topics.acks(NodeId.of("VN-05")).name(), "LA-HO", alertIds))
				.isEqualTo(alertIds.size() * revisions));
	}

	/**
	 * How many revisions of {@code alertIds} Houaphan's inbox on {@code cluster} holds.
	 */
	private static int revisionsIn(LocalKafkaBroker cluster, List<String> alertIds) {
		return revisionsByAlert(cluster, alertIds).values().stream().mapToInt(List::size).sum();
	}

	/**
	 * The revisions of each of {@code alertIds} committed to Houaphan's inbox on
	 * {@code cluster}, in the order they are there.
	 */
	private static Map<String, List<Integer>> revisionsByAlert(LocalKafkaBroker cluster, List<String> alertIds) {
		Set<String> wanted = new HashSet<>(alertIds);
		Map<String, List<Integer>> revisions = new HashMap<>();
		AvroTopics.readCommitted(cluster, Topics.inbox(NodeId.of("LA-HO")).name(), (key, value) -> {
			if (wanted.contains(key)) {
				revisions.computeIfAbsent(key, (alertId) -> new ArrayList<>()).add(((Alert) value).getRevision());
			}
		});
		return revisions;
	}

	/**
	 * How many distinct revisions of {@code alertIds} {@code addressee} acknowledged as
	 * RECEIVED.
	 */
	private static int receivedBy(LocalKafkaBroker cluster, String topic, String addressee, List<String> alertIds) {
		Set<String> wanted = new HashSet<>(alertIds);
		Set<String> received = new HashSet<>();
		List<String> all = new ArrayList<>();
		AvroTopics.readCommitted(cluster, topic, (key, value) -> {
			if (wanted.contains(key) && value instanceof Acknowledgement ack && ack.getStatus() == AckStatus.RECEIVED
					&& addressee.equals(String.valueOf(ack.getRecipientNode()))) {
				received.add(key + "/" + ack.getRevision());
				all.add(key + "/" + ack.getRevision());
			}
		});
		assertThat(all).as("RECEIVED acknowledgements, each once").hasSameSizeAs(received);
		return received.size();
	}

	/** Reads {@code partitions} from their start to where they end now. */
	private static <V> void readToTheEnd(KafkaConsumer<String, V> consumer, List<TopicPartition> partitions,
			Consumer<ConsumerRecord<String, V>> each) {
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))
				&& System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(200)).forEach(each);
		}
	}

	/** The keys of every record on {@code cluster}, committed or not, by topic. */
	private static Map<String, Set<String>> keysByTopic(LocalKafkaBroker cluster) {
		Map<String, Set<String>> keys = new HashMap<>();
		Map<String, Object> settings = new HashMap<>(cluster.adminSettings());
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
		try (Admin admin = Admin.create(cluster.adminSettings());
				KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
						new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			admin.describeTopics(admin.listTopics().names().get())
				.allTopicNames()
				.get()
				.forEach((topic, description) -> description.partitions()
					.forEach((partition) -> partitions.add(new TopicPartition(topic, partition.partition()))));
			readToTheEnd(consumer, partitions,
					(record) -> keys.computeIfAbsent(record.topic(), (topic) -> new HashSet<>())
						.add(String.valueOf(record.key())));
			partitions.forEach((partition) -> keys.computeIfAbsent(partition.topic(), (topic) -> new HashSet<>()));
			return keys;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
