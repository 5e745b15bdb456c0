package mekong.exchange.consumer.dlq;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import mekong.exchange.consumer.TransactionalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listeners' batches on a real broker, in real transactions: one poll of records, one
 * of which fails, and what reaches the output and the dead-letter topic.
 */
class ListenerBatchesIntegrationTests {

	static final int RETRIES = 2;

	@TempDir
	static Path data;

	static TransactionalKafka<String> kafka;

	/** How many times the listener was given each record. */
	final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

	@BeforeAll
	static void startBroker() {
		kafka = new TransactionalKafka<>(data, new StringSerializer(), Map.of());
	}

	@AfterAll
	static void stopBroker() {
		kafka.close();
	}

	@Test
	void aRecordThatFailsForAWhileIsRetriedWithItsBatchAndEveryRecordIsProcessedOnce() throws Exception {
		List<String> values = send("flaky", 20, 7);
		run("flaky", (record) -> {
			if (record.value().equals(values.get(7)) && this.deliveries.get(record.value()) <= RETRIES) {
				throw new IllegalStateException("registry unreachable");
			}
		}, () -> outputOf("flaky").size() == values.size());

		assertThat(outputOf("flaky")).containsExactlyElementsOf(values);
		assertThat(this.deliveries.get(values.get(7))).isEqualTo(RETRIES + 1);
		assertThat(this.deliveries.get(values.get(0))).as("the records before it came again with the batch")
			.isEqualTo(RETRIES + 1);
		assertThat(allRecordsOf("flaky.dlq")).isEmpty();
	}

	@Test
	void aRecordThatKeepsFailingGoesToTheDeadLetterTopicAndTheRecordsAroundItAreProcessedOnce() throws Exception {
		List<String> values = send("poison", 20, 7);
		String poison = values.get(7);
		run("poison", (record) -> {
			if (record.value().equals(poison)) {
				throw new IllegalStateException("cannot route " + poison);
			}
		}, () -> outputOf("poison").size() == values.size() - 1 && allRecordsOf("poison.dlq").size() == 1);

		assertThat(outputOf("poison"))
			.containsExactlyElementsOf(values.stream().filter((v) -> !v.equals(poison)).toList());
		ConsumerRecord<String, String> deadLetter = allRecordsOf("poison.dlq").get(0);
		assertThat(deadLetter.value()).isEqualTo(poison);
		assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("cannot route " + poison);
		assertThat(this.deliveries.get(poison))
			.as("tried once and retried, then dead-lettered without being tried again")
			.isEqualTo(RETRIES + 1);
	}

	@Test
	void aRejectedRecordGoesToTheDeadLetterTopicAtOnceWithoutARollback() throws Exception {
		List<String> values = send("rejected", 20, 7);
		String rejected = values.get(7);
		run("rejected", (record) -> {
			if (record.value().equals(rejected)) {
				throw new RejectedRecordException("UNKNOWN_ORIGIN", "no agreement with LA-ZZ");
			}
		}, () -> outputOf("rejected").size() == values.size() - 1 && allRecordsOf("rejected.dlq").size() == 1);

		assertThat(outputOf("rejected"))
			.containsExactlyElementsOf(values.stream().filter((v) -> !v.equals(rejected)).toList());
		assertThat(allRecordsOf("rejected.dlq")).extracting(ConsumerRecord::value).containsExactly(rejected);
		assertThat(this.deliveries.values()).as("no record came twice").allMatch((times) -> times == 1);
	}

	/** Writes {@code count} records to a new one-partition topic. */
	static List<String> send(String topic, int count, int failing) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".out", 1, (short) 1),
					new NewTopic(topic + ".dlq", 1, (short) 1)))
				.all()
				.get();
		}
		List<String> values = new ArrayList<>();
		kafka.kafka().executeInTransaction((operations) -> {
			for (int i = 0; i < count; i++) {
				values.add(topic + "-" + i);
				operations.send(topic, "key-" + i, topic + "-" + i);
			}
			return null;
		});
		assertThat(values.get(failing)).isNotNull();
		return values;
	}

	/**
	 * Runs a transactional batch listener on {@code topic}, as the node's listeners run,
	 * that copies each record to {@code topic.out} after {@code check} passed it.
	 */
	void run(String topic, Consumer<ConsumerRecord<String, String>> check, Callable<Boolean> done) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka.kafka(),
				(record, ex) -> new TopicPartition(topic + ".dlq", -1));
		ListenerBatches batches = new ListenerBatches(deadLetters);
		KafkaMessageListenerContainer<String, String> container = kafka.container(topic, new StringDeserializer(),
				(records) -> batches.process(records, (record) -> {
					this.deliveries.merge(record.value(), 1, Integer::sum);
					check.accept(record);
					kafka.kafka().send(topic + ".out", record.key(), record.value());
				}), new RetryThenDeadLetter(batches, new DeadLetterProperties(Duration.ofMillis(100), RETRIES)));
		container.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(done);
		}
		finally {
			container.stop();
		}
	}

	static List<String> outputOf(String topic) {
		return allRecordsOf(topic + ".out").stream().map(ConsumerRecord::value).toList();
	}

	static List<ConsumerRecord<String, String>> allRecordsOf(String topic) {
		return kafka.committed(topic, new StringDeserializer());
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		return (record.headers().lastHeader(name) != null)
				? new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8) : null;
	}

}
