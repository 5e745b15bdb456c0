package mekong.exchange.boot.streams;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.topics.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Typed serdes of the node's records, Avro in Confluent's wire format through the node's
 * registry: for a topic of the catalogue (signed and verified where several nodes write
 * it), and for a state record of a view (under its changelog's subject, evolved under the
 * same BACKWARD rule as the contract). A value of another type than the topic's or
 * store's is rejected with the reason {@code NOT_A(N)_<TYPE>}; a serialized value larger
 * than {@link #maxRecordBytes} fails before it reaches the producer
 * ({@link OversizedRecordException}), so that Kafka Streams' production exception handler
 * can dead-letter it without aborting the task's transaction.
 */
public final class NodeSerdes {

	private final Serializer<Object> contractWriter;

	private final Deserializer<Object> contractReader;

	private final Serializer<Object> stateWriter;

	private final Deserializer<Object> stateReader;

	private final int maxRecordBytes;

	/**
	 * @param contractWriter writes contract records to a topic, signing those several
	 * nodes write
	 * @param contractReader reads contract records, verifying those several nodes write
	 * @param stateWriter writes state records (no headers: state stores pass none)
	 * @param stateReader reads state records
	 * @param maxRecordBytes the largest value written
	 */
	public NodeSerdes(Serializer<Object> contractWriter, Deserializer<Object> contractReader,
			Serializer<Object> stateWriter, Deserializer<Object> stateReader, int maxRecordBytes) {
		this.contractWriter = contractWriter;
		this.contractReader = contractReader;
		this.stateWriter = stateWriter;
		this.stateReader = stateReader;
		this.maxRecordBytes = maxRecordBytes;
	}

	/** The values of {@code topic}, a topic of the catalogue. */
	public <V extends SpecificRecord> Serde<V> of(Topic<String, V> topic) {
		return of(topic, Integer.MAX_VALUE);
	}

	/**
	 * The alerts of {@code topic}, of which those larger than {@code largest} bytes are
	 * rejected as they are read ({@link DeadLetterReason#ALERT_TOO_LARGE}).
	 */
	public Serde<Alert> alerts(Topic<String, Alert> topic, int largest) {
		return of(topic, largest);
	}

	private <V extends SpecificRecord> Serde<V> of(Topic<String, V> topic, int largest) {
		Class<V> type = topic.valueType();
		Serializer<V> serializer = new Serializer<>() {

			@Override
			public byte[] serialize(String topic, V data) {
				throw new IllegalStateException("Records of the exchange carry headers: Kafka always passes them");
			}

			@Override
			public byte[] serialize(String topic, Headers headers, V data) {
				return bounded(topic, NodeSerdes.this.contractWriter.serialize(topic, headers, data));
			}

		};
		Deserializer<V> deserializer = new Deserializer<>() {

			@Override
			public V deserialize(String topic, byte[] data) {
				throw new IllegalStateException("Records of the exchange carry headers: Kafka always passes them");
			}

			@Override
			public V deserialize(String topic, Headers headers, byte[] data) {
				if (data != null && data.length > largest) {
					throw new RejectedRecordException(DeadLetterReason.ALERT_TOO_LARGE, "A record of " + topic
							+ " holds " + data.length + " bytes, more than the " + largest + " bytes a node takes");
				}
				return typed(type, topic, NodeSerdes.this.contractReader.deserialize(topic, headers, data));
			}

		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

	/** State records of {@code type}, in a view's store and its changelog. */
	public <V extends SpecificRecord> Serde<V> state(Class<V> type) {
		Serializer<V> serializer = (topic, data) -> bounded(topic, this.stateWriter.serialize(topic, data));
		Deserializer<V> deserializer = (topic, data) -> typed(type, topic, this.stateReader.deserialize(topic, data));
		return Serdes.serdeFrom(serializer, deserializer);
	}

	/** The largest value any serde of the node writes. */
	public int maxRecordBytes() {
		return this.maxRecordBytes;
	}

	private byte[] bounded(String topic, byte[] bytes) {
		if (bytes != null && bytes.length > this.maxRecordBytes) {
			throw new OversizedRecordException(topic, bytes.length, this.maxRecordBytes);
		}
		return bytes;
	}

	private static <V> V typed(Class<V> type, String topic, Object value) {
		if (value == null || type.isInstance(value)) {
			return type.cast(value);
		}
		throw new RejectedRecordException(DeadLetterReason.notA(type), "A record of " + topic + " holds a "
				+ value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
	}

	/**
	 * A value larger than the node writes: refused by its serializer, before Kafka's
	 * producer sees it (a record the producer refuses would abort the transaction).
	 */
	public static final class OversizedRecordException extends SerializationException {

		OversizedRecordException(String topic, int bytes, int max) {
			super("A value of " + bytes + " bytes for " + topic + " is larger than the " + max
					+ " bytes a node writes");
		}

	}

}
