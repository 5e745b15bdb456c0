package mekong.exchange.consumer.dlq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.serde.UndecodableRecordException;
import mekong.exchange.core.serde.UndecodedValue;
import mekong.exchange.core.serde.UnknownSchemaException;
import mekong.exchange.core.signing.UnverifiedRecordException;
import mekong.exchange.core.text.LogSafe;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The one error policy of the node's listeners, and the one shape of its dead letters. A
 * dead letter holds the original key, the value in the wire format of the topic it came
 * from, Spring Kafka's {@code kafka_dlt-*} headers (exception class and message, original
 * topic, partition and offset) and a short {@value #REASON_HEADER}; it is counted in
 * {@code exchange_alerts_dlq_total{reason}} and logged at WARN.
 * <ul>
 * <li>Listeners take the records of a poll as one batch in one Kafka transaction
 * ({@link ListenerBatches}). Records that cannot be decoded, or whose signature does not
 * prove their origin, go to the dead-letter topic instead of to the listener, in that
 * transaction with their offset: no rollback, no re-delivery, and the next record follows
 * at once, however many bad records come.</li>
 * <li>Records a listener rejects ({@link RejectedRecordException}) go the same way.</li>
 * <li>Any other failure rolls the batch back and comes to {@link RetryThenDeadLetter}:
 * the batch is retried a bounded number of times ({@code mekong.dead-letter.*}), then the
 * record that failed goes to the dead-letter topic and the others are processed.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterPolicy {

	static final String REASON_HEADER = "mekong-dlq-reason";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);

	@Bean
	DeadLetterPublishingRecoverer deadLetters(KafkaOperations<Object, Object> kafka, SchemaRegistryClient registry,
			NodeProperties node, MeterRegistry meters) {
		TopicPartition deadLetters = new TopicPartition(Topics.dlq(node.id()).name(), -1);
		DeadLetterPublishingRecoverer recoverer = new OriginalBytesRecoverer(kafka, (record, ex) -> deadLetters,
				new AvroWireSerializer(registry));
		recoverer.setHeadersFunction((record, ex) -> {
			String reason = reasonOf(ex);
			Counter.builder("exchange.alerts.dlq")
				.description("Records the node's listeners could not process, sent to its dead-letter topic")
				.tag("reason", reason)
				.register(meters)
				.increment();
			log.warn("Record {}-{}@{} (key {}) sent to {}: {} ({})", record.topic(), record.partition(),
					record.offset(), LogSafe.text(record.key()), deadLetters.topic(), reason,
					LogSafe.text(rootCause(ex).getMessage()));
			Headers headers = new RecordHeaders();
			headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		return recoverer;
	}

	@Bean
	AfterRollbackProcessor<Object, Object> listenerErrorPolicy(ListenerBatches batches, DeadLetterProperties settings) {
		return new RetryThenDeadLetter(batches, settings);
	}

	/**
	 * The most telling reason anywhere in the chain of causes: a rejection, then an
	 * unknown schema, then bad bytes.
	 */
	static String reasonOf(Exception failure) {
		List<Throwable> causes = causesOf(failure);
		for (Throwable cause : causes) {
			if (cause instanceof RejectedRecordException rejected) {
				return rejected.reason();
			}
		}
		for (Throwable cause : causes) {
			if (cause instanceof UnverifiedRecordException unverified) {
				return unverified.verification().name();
			}
		}
		if (causes.stream().anyMatch(UnknownSchemaException.class::isInstance)) {
			return "UNKNOWN_SCHEMA";
		}
		if (causes.stream()
			.anyMatch((cause) -> cause instanceof UndecodableRecordException
					|| cause instanceof DeserializationException)) {
			return "UNDECODABLE";
		}
		return "PROCESSING_FAILED";
	}

	/** {@code failure} and its causes, outermost first, each once. */
	static List<Throwable> causesOf(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static Throwable rootCause(Throwable failure) {
		List<Throwable> causes = causesOf(failure);
		return causes.get(causes.size() - 1);
	}

	/**
	 * Records whose bytes could not be decoded keep their original bytes; records that
	 * decoded but were rejected are written back in the wire format of the topic they
	 * came from, with the schema already registered there.
	 */
	private static final class OriginalBytesRecoverer extends DeadLetterPublishingRecoverer {

		private final AvroWireSerializer serializer;

		OriginalBytesRecoverer(KafkaOperations<Object, Object> kafka,
				BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination,
				AvroWireSerializer serializer) {
			super(kafka, destination);
			this.serializer = serializer;
			this.serializer.configure(Map.of("auto.register.schemas", "false"), false);
		}

		/**
		 * In the listener's transaction, a dead letter that fails to send fails the
		 * commit, and the batch comes again: waiting for each one to be acknowledged
		 * would only slow down a flood of bad records.
		 */
		@Override
		protected void publish(ProducerRecord<Object, Object> deadLetter, KafkaOperations<Object, Object> kafka,
				ConsumerRecord<?, ?> record) {
			if (kafka.inTransaction()) {
				kafka.send(deadLetter);
			}
			else {
				super.publish(deadLetter, kafka, record);
			}
		}

		@Override
		protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
				TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
			Object originalValue = (record.value() instanceof UndecodedValue undecoded) ? undecoded.bytes()
					: (record.value() != null) ? this.serializer.serialize(record.topic(), record.value()) : value;
			return new ProducerRecord<>(topicPartition.topic(),
					(topicPartition.partition() < 0) ? null : topicPartition.partition(), record.key(), originalValue,
					headers);
		}

	}

}
