package mekong.exchange.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.LocalKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * A real KRaft broker for listener tests, with a transactional producer and the kind of
 * container the node's listeners run in: a batch listener in one Kafka transaction per
 * poll, with transaction synchronization, reading {@code read_committed}.
 */
public final class TransactionalKafka<V> implements AutoCloseable {

	private final LocalKafkaBroker broker;

	private final DefaultKafkaProducerFactory<String, V> producers;

	private final KafkaTemplate<String, V> kafka;

	private final Map<String, Object> consumerSettings;

	/**
	 * @param consumerSettings what the listeners' value deserializer needs on top of the
	 * broker's address (the container's consumer factory configures it with them)
	 */
	public TransactionalKafka(Path data, Serializer<V> values, Map<String, Object> consumerSettings) {
		this.broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
		this.producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values);
		this.producers.setTransactionIdPrefix("listener-test-");
		this.kafka = new KafkaTemplate<>(this.producers);
		this.consumerSettings = new HashMap<>(consumerSettings);
		this.consumerSettings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers());
		this.consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
	}

	public String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	/** Sends within the listener's transaction when called from a listener. */
	public KafkaTemplate<String, V> kafka() {
		return this.kafka;
	}

	/**
	 * A container, not yet started, running {@code listener} as the node runs its own.
	 */
	public <T> KafkaMessageListenerContainer<String, T> container(String topic, Deserializer<T> values,
			BatchMessageListener<String, T> listener, AfterRollbackProcessor<? super String, ? super T> afterRollback) {
		ContainerProperties properties = new ContainerProperties(topic);
		KafkaTransactionManager<String, V> transactions = new KafkaTransactionManager<>(this.producers);
		transactions.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ALWAYS);
		properties.setKafkaAwareTransactionManager(transactions);
		properties.setGroupId(topic + "-listener");
		properties.setMessageListener(listener);
		KafkaMessageListenerContainer<String, T> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(this.consumerSettings, new StringDeserializer(), values), properties);
		container.setAfterRollbackProcessor(afterRollback);
		return container;
	}

	/** The committed records of partition 0 of {@code topic}, in order. */
	public <T> List<ConsumerRecord<String, T>> committed(String topic, Deserializer<T> values) {
		values.configure(this.consumerSettings, false);
		try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(this.consumerSettings, new StringDeserializer(),
				values)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			List<ConsumerRecord<String, T>> found = new ArrayList<>();
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach(found::add);
			}
			return found;
		}
	}

	@Override
	public void close() {
		this.producers.destroy();
		this.broker.close();
	}

}
