package mekong.exchange.consumer.receiving;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.consumer.dlq.ListenerBatches;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.serde.ContractClasses;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.SharedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Houaphan's receiver on a real broker and registry, in real transactions, when the
 * transaction of a batch that took two revisions of one alert rolls back.
 */
class ReceiverListenerIntegrationTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	@TempDir
	static Path data;

	static LocalKafkaBroker broker;

	static DefaultKafkaProducerFactory<String, Object> producers;

	static KafkaTemplate<String, Object> kafka;

	@BeforeAll
	static void startBroker() throws Exception {
		ContractClasses.trust();
		broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			admin
				.createTopics(Set.of(SON_LA, HOUAPHAN)
					.stream()
					.flatMap((node) -> Topics.ownedBy(node).stream())
					.map((topic) -> new NewTopic(topic.name(), 1, (short) 1))
					.toList())
				.all()
				.get();
		}
		AvroWireSerializer values = new AvroWireSerializer();
		values.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
				values);
		producers.setTransactionIdPrefix("receiver-");
		kafka = new KafkaTemplate<>(producers);
	}

	@AfterAll
	static void stopBroker() {
		producers.destroy();
		broker.close();
	}

	@Test
	void aRolledBackBatchWithTwoRevisionsOfOneAlertLeavesTheInboxAsItWasAndItsRetryTakesEachRevisionOnce() {
		UUID alertId = UUID.randomUUID();
		Alert first = Alerts.suspectsFromSonLa(alertId).build();
		Alert update = Alerts.suspectsFromSonLa(alertId)
			.setRevision(2)
			.setMessageType(MessageType.UPDATE)
			.setSummary("The couple changed to a white pickup near Vieng Xay")
			.build();
		String inboxTopic = Topics.inbox(HOUAPHAN).name();
		kafka.executeInTransaction((operations) -> {
			operations.send(new ProducerRecord<>(inboxTopic, alertId.toString(), first));
			operations.send(new ProducerRecord<>(inboxTopic, alertId.toString(), update));
			return null;
		});

		ReceivedAlerts inbox = new ReceivedAlerts(HOUAPHAN);
		ReceiverListener receiver = new ReceiverListener(inbox,
				new AgreementBook(List
					.of(new Agreement(new AgreementId("VN-05~LA-HO/2023"), SON_LA, HOUAPHAN, LocalDate.of(2023, 1, 1),
							LocalDate.of(2027, 12, 31), Set.of(CrimeCategory.DRUG_TRAFFICKING), TrafficLight.AMBER))),
				kafka, new NodeProperties(HOUAPHAN, ZoneId.of("Asia/Vientiane")), Clock.systemUTC(),
				new SimpleMeterRegistry(), new ListenerBatches(new DeadLetterPublishingRecoverer(kafka)));
		List<Integer> batchSizes = new CopyOnWriteArrayList<>();
		List<Integer> revisionHeldBeforeBatch = new CopyOnWriteArrayList<>();
		AtomicInteger batches = new AtomicInteger();
		KafkaMessageListenerContainer<String, Alert> container = container(inboxTopic,
				(BatchMessageListener<String, Alert>) (records) -> {
					batchSizes.add(records.size());
					revisionHeldBeforeBatch
						.add(inbox.find(alertId).map((entry) -> entry.alert().getRevision()).orElse(0));
					receiver.receive(records);
					if (batches.incrementAndGet() == 1) {
						throw new IllegalStateException("the broker refused the commit");
					}
				});
		container.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> batches.get() == 2 && !receivedRevisions().isEmpty());
		}
		finally {
			container.stop();
		}

		assertThat(batchSizes).as("both revisions came in each batch").containsExactly(2, 2);
		assertThat(revisionHeldBeforeBatch).as("after the rollback, the inbox held nothing of the alert again")
			.containsExactly(0, 0);
		assertThat(inbox.find(alertId)).hasValueSatisfying((entry) -> assertThat(entry.alert()).isEqualTo(update));
		assertThat(receivedRevisions()).as("revisions taken, each once").containsExactly(1, 2);
	}

	static KafkaMessageListenerContainer<String, Alert> container(String topic,
			BatchMessageListener<String, Alert> listener) {
		ContainerProperties properties = new ContainerProperties(topic);
		KafkaTransactionManager<String, Object> transactions = new KafkaTransactionManager<>(producers);
		transactions.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ALWAYS);
		properties.setKafkaAwareTransactionManager(transactions);
		properties.setGroupId("receiver-LA-HO");
		properties.setMessageListener(listener);
		KafkaMessageListenerContainer<String, Alert> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(consumerSettings(), new StringDeserializer(), alerts()), properties);
		container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(new FixedBackOff(100, 5)));
		return container;
	}

	/** The revisions in Houaphan's {@code received} topic, in order. */
	static List<Integer> receivedRevisions() {
		try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(consumerSettings(), new StringDeserializer(),
				alerts())) {
			TopicPartition partition = new TopicPartition(Topics.received(HOUAPHAN).name(), 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			List<Integer> revisions = new CopyOnWriteArrayList<>();
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200))
					.forEach((ConsumerRecord<String, Alert> record) -> revisions.add(record.value().getRevision()));
			}
			return revisions;
		}
	}

	static Map<String, Object> consumerSettings() {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", "schema.registry.url", SharedSchemaRegistry.url(), "specific.avro.reader", true);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Deserializer<Alert> alerts() {
		AvroWireDeserializer values = new AvroWireDeserializer();
		values.configure(consumerSettings(), false);
		return (Deserializer) values;
	}

}
