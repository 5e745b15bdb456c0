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
import mekong.exchange.consumer.TransactionalKafka;
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
import mekong.exchange.infra.SharedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
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

	static TransactionalKafka<Object> kafka;

	@BeforeAll
	static void startBroker() throws Exception {
		ContractClasses.trust();
		AvroWireSerializer values = new AvroWireSerializer();
		values.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		kafka = new TransactionalKafka<>(data, values,
				Map.of("schema.registry.url", SharedSchemaRegistry.url(), "specific.avro.reader", true));
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			admin
				.createTopics(Set.of(SON_LA, HOUAPHAN)
					.stream()
					.flatMap((node) -> Topics.ownedBy(node).stream())
					.map((topic) -> new NewTopic(topic.name(), 1, (short) 1))
					.toList())
				.all()
				.get();
		}
	}

	@AfterAll
	static void stopBroker() {
		kafka.close();
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
		kafka.kafka().executeInTransaction((operations) -> {
			operations.send(new ProducerRecord<>(inboxTopic, alertId.toString(), first));
			operations.send(new ProducerRecord<>(inboxTopic, alertId.toString(), update));
			return null;
		});

		ReceivedAlerts inbox = new ReceivedAlerts(HOUAPHAN);
		ReceiverListener receiver = new ReceiverListener(inbox,
				new AgreementBook(List
					.of(new Agreement(new AgreementId("VN-05~LA-HO/2023"), SON_LA, HOUAPHAN, LocalDate.of(2023, 1, 1),
							LocalDate.of(2027, 12, 31), Set.of(CrimeCategory.DRUG_TRAFFICKING), TrafficLight.AMBER))),
				kafka.kafka(), new NodeProperties(HOUAPHAN, ZoneId.of("Asia/Vientiane")), Clock.systemUTC(),
				new SimpleMeterRegistry(), new ListenerBatches(new DeadLetterPublishingRecoverer(kafka.kafka())));
		List<Integer> batchSizes = new CopyOnWriteArrayList<>();
		List<Integer> revisionHeldBeforeBatch = new CopyOnWriteArrayList<>();
		AtomicInteger batches = new AtomicInteger();
		KafkaMessageListenerContainer<String, Alert> container = kafka.container(inboxTopic, alerts(), (records) -> {
			batchSizes.add(records.size());
			revisionHeldBeforeBatch.add(inbox.find(alertId).map((entry) -> entry.alert().getRevision()).orElse(0));
			receiver.receive(records);
			if (batches.incrementAndGet() == 1) {
				throw new IllegalStateException("the broker refused the commit");
			}
		}, new DefaultAfterRollbackProcessor<>(new FixedBackOff(100, 5)));
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

	/** The revisions in Houaphan's {@code received} topic, in order. */
	static List<Integer> receivedRevisions() {
		return kafka.committed(Topics.received(HOUAPHAN).name(), alerts())
			.stream()
			.map((record) -> record.value().getRevision())
			.toList();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Deserializer<Alert> alerts() {
		return (Deserializer) new AvroWireDeserializer();
	}

}
