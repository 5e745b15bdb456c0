package mekong.exchange.boot.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.core.registry.SchemaNotFoundException;
import mekong.exchange.core.registry.SchemaRegistryException;
import mekong.exchange.core.registry.SubjectNotFoundException;
import mekong.exchange.core.serde.UndecodableRecordException;
import mekong.exchange.core.serde.UnknownSchemaException;
import mekong.exchange.core.signing.UnverifiedRecordException;
import mekong.exchange.core.text.LogSafe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error policy of the node's Kafka Streams topologies, and the one shape of its
 * dead letters, as Kafka Streams' deserialization, processing and production exception
 * handlers. A record that cannot be decoded, whose signature does not prove its origin,
 * that a rule rejects ({@link RejectedRecordException}), or whose processing would write
 * a record larger than a node writes ({@link NodeSerdes.OversizedRecordException}) goes
 * to the node's dead-letter topic in the transaction of the task that read it, and the
 * next record follows. A dead letter holds the original key and value bytes and headers,
 * Kafka Streams' {@code __streams.errors.*} headers (exception, message, stack trace,
 * original topic, partition and offset) and a short {@value #REASON_HEADER}; it is
 * counted in {@code exchange_alerts_dlq_total{reason}} and logged at WARN.
 * <p>
 * A failure that is not the record's fault, such as a schema registry that does not
 * answer, is not a dead letter: the handler fails the task, its transaction is aborted,
 * and the stream thread that replaces it reads the record again once the outage is over.
 */
public final class DeadLetters
		implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

	/** The key under which the Kafka Streams configuration carries the {@link Route}. */
	public static final String ROUTE_CONFIG = "mekong.dead-letters.route";

	public static final String REASON_HEADER = "mekong-dlq-reason";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private Route route;

	/** Where a node's dead letters go, and where they are counted. */
	public record Route(String topic, MeterRegistry meters) {
	}

	@Override
	public void configure(Map<String, ?> configs) {
		this.route = (Route) configs.get(ROUTE_CONFIG);
		if (this.route == null) {
			throw new IllegalStateException(ROUTE_CONFIG + " is missing from the Kafka Streams configuration");
		}
	}

	@Override
	public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
			ConsumerRecord<byte[], byte[]> record, Exception failure) {
		return switch (outcomeOf(context, failure)) {
			case RETRY -> DeserializationExceptionHandler.Response.fail();
			case DEAD_LETTER -> DeserializationExceptionHandler.Response
				.resume(List.of(deadLetter(context, record.key(), record.value(), failure)));
		};
	}

	@Override
	public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
			Exception failure) {
		return switch (outcomeOf(context, failure)) {
			case RETRY -> ProcessingExceptionHandler.Response.fail();
			case DEAD_LETTER -> ProcessingExceptionHandler.Response
				.resume(List.of(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), failure)));
		};
	}

	/**
	 * A record a processor wrote could not be serialized: it never reached the producer,
	 * so the task's transaction goes on without it, and the record being processed goes
	 * to the dead-letter topic.
	 */
	@Override
	@SuppressWarnings("rawtypes")
	public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
			ProducerRecord record, Exception failure, SerializationExceptionOrigin origin) {
		return switch (outcomeOf(context, failure)) {
			case RETRY -> ProductionExceptionHandler.Response.fail();
			case DEAD_LETTER -> ProductionExceptionHandler.Response
				.resume(List.of(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), failure)));
		};
	}

	/**
	 * Kafka refused a record the producer sent. Under exactly-once processing that aborts
	 * the task's transaction, so nothing can be resumed: a passing failure is retried,
	 * any other fails the task. Records are bounded before they are sent
	 * ({@link NodeSerdes}), so that no record of a desk or a partner gets here.
	 */
	@Override
	public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
			ProducerRecord<byte[], byte[]> record, Exception failure) {
		log.error("Kafka refused a record for {} while {}-{}@{} was processed: {}", record.topic(), context.topic(),
				context.partition(), context.offset(), failure.toString());
		return (failure instanceof RetriableException) ? ProductionExceptionHandler.Response.retry()
				: ProductionExceptionHandler.Response.fail();
	}

	/** What becomes of a record that could not be read or processed. */
	private enum Outcome {

		/** Fail the task, so that the record is read again after a pause. */
		RETRY,

		/** Send it to the dead-letter topic and go on. */
		DEAD_LETTER

	}

	private Outcome outcomeOf(ErrorHandlerContext context, Exception failure) {
		if (isPassing(failure)) {
			log.warn("Record {}-{}@{} failed for a passing reason; trying it again after a pause: {}", context.topic(),
					context.partition(), context.offset(), LogSafe.text(failure.getMessage()));
			return Outcome.RETRY;
		}
		return Outcome.DEAD_LETTER;
	}

	private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
			Exception failure) {
		String reason = reasonOf(failure).name();
		ProducerRecord<byte[], byte[]> deadLetter = ExceptionHandlerUtils.buildDeadLetterQueueRecord(this.route.topic(),
				key, value, context, failure);
		deadLetter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		Counter.builder("exchange.alerts.dlq")
			.description("Records the node could not process, sent to its dead-letter topic")
			.tag("reason", reason)
			.register(this.route.meters())
			.increment();
		log.warn("Record {}-{}@{} (key {}) sent to {}: {} ({})", context.topic(), context.partition(), context.offset(),
				LogSafe.text((key != null) ? new String(key, StandardCharsets.UTF_8) : null), this.route.topic(),
				reason, LogSafe.text(rootCause(failure).getMessage()));
		return deadLetter;
	}

	/**
	 * The most telling reason anywhere in the chain of causes: a rejection, then a
	 * signature that does not verify, then an unknown schema, then bad bytes.
	 */
	static DeadLetterReason reasonOf(Throwable failure) {
		List<Throwable> causes = causesOf(failure);
		for (Throwable cause : causes) {
			if (cause instanceof RejectedRecordException rejected) {
				return rejected.reason();
			}
		}
		for (Throwable cause : causes) {
			if (cause instanceof UnverifiedRecordException unverified) {
				return DeadLetterReason.of(unverified.verification());
			}
		}
		if (causes.stream().anyMatch(NodeSerdes.OversizedRecordException.class::isInstance)) {
			return DeadLetterReason.RECORD_TOO_LARGE;
		}
		if (causes.stream().anyMatch(UnknownSchemaException.class::isInstance)) {
			return DeadLetterReason.UNKNOWN_SCHEMA;
		}
		if (causes.stream()
			.anyMatch((cause) -> cause instanceof UndecodableRecordException
					|| cause instanceof SerializationException)) {
			return DeadLetterReason.UNDECODABLE;
		}
		return DeadLetterReason.PROCESSING_FAILED;
	}

	/**
	 * A failure that says nothing about the record: the schema registry did not answer,
	 * answered with a server error, or refused the node's credentials; or a topic's owner
	 * has not registered the schema the node writes there yet (a partner that has not
	 * started, or runs an older contract). Reading the record again later will succeed.
	 */
	static boolean isPassing(Throwable failure) {
		List<Throwable> causes = causesOf(failure);
		if (causes.stream().anyMatch(UnknownSchemaException.class::isInstance)) {
			return false;
		}
		if (causes.stream()
			.anyMatch(
					(cause) -> cause instanceof SubjectNotFoundException || cause instanceof SchemaNotFoundException)) {
			return true;
		}
		return causes.stream()
			.filter(SchemaRegistryException.class::isInstance)
			.map(SchemaRegistryException.class::cast)
			.anyMatch((refused) -> refused.errorCode() == -1 || refused.httpStatus() >= 500
					|| refused.errorCode() == 401 || refused.errorCode() == 403 || refused.errorCode() == 429);
	}

	/** {@code failure} and its causes, outermost first, each once. */
	private static List<Throwable> causesOf(Throwable failure) {
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

}
