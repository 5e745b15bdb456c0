package mekong.exchange.core.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) in Confluent's wire format, byte for byte as
 * Confluent's {@code KafkaAvroSerializer} does, with subjects named by TopicNameStrategy
 * ({@code <topic>-value}). Datum writers are cached per schema and encoders reused per
 * thread, so no schema is parsed per record.
 */
public class AvroWireSerializer implements Serializer<Object> {

	private static final EncoderFactory ENCODERS = EncoderFactory.get();

	static {
		ContractClasses.trust();
	}

	private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

	private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

	private SchemaRegistryClient registry;

	private SerdeConfig config;

	private boolean isKey;

	/**
	 * For Kafka's configuration-driven instantiation: the registry comes from
	 * {@code schema.registry.url}.
	 */
	public AvroWireSerializer() {
	}

	/**
	 * With a registry client shared by several serdes; {@link #configure} reads only the
	 * other settings.
	 */
	public AvroWireSerializer(SchemaRegistryClient registry) {
		this.registry = registry;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.config = SerdeConfig.from(configs);
		this.isKey = isKey;
		if (this.registry == null) {
			this.registry = new HttpSchemaRegistryClient(this.config.requiredRegistry());
		}
	}

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null) {
			return null;
		}
		if (!(data instanceof GenericContainer container)) {
			throw new SerializationException(
					"Only Avro records can be written to " + topic + ", not " + data.getClass().getName());
		}
		if (this.config == null) {
			configure(Map.of(), false);
		}
		Schema schema = container.getSchema();
		String subject = this.config.subjects(this.isKey).subject(topic, this.isKey, schema);
		int id;
		try {
			if (this.config.useLatestVersion()) {
				var latest = this.registry.latest(subject);
				schema = latest.schema();
				id = latest.id();
			}
			else if (this.config.autoRegisterSchemas()) {
				id = this.registry.register(subject, schema);
			}
			else {
				id = this.registry.idOf(subject, schema);
			}
		}
		catch (SchemaRegistryException ex) {
			throw new SerializationException("Could not find the schema id of " + schema.getFullName() + " for topic "
					+ topic + " (subject " + subject + "): " + ex.getMessage(), ex);
		}
		return write(topic, id, schema, data);
	}

	private byte[] write(String topic, int id, Schema schema, Object data) {
		Buffer buffer = this.buffers.get();
		buffer.bytes.reset();
		buffer.bytes.write(WireFormat.MAGIC_BYTE);
		buffer.bytes.write(id >>> 24);
		buffer.bytes.write(id >>> 16);
		buffer.bytes.write(id >>> 8);
		buffer.bytes.write(id);
		buffer.encoder = ENCODERS.directBinaryEncoder(buffer.bytes, buffer.encoder);
		try {
			writerFor(schema, data instanceof SpecificRecord).write(data, buffer.encoder);
			buffer.encoder.flush();
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException(
					"Could not write a " + schema.getFullName() + " with schema id " + id + " to " + topic, ex);
		}
		return buffer.bytes.toByteArray();
	}

	@SuppressWarnings("unchecked")
	private DatumWriter<Object> writerFor(Schema schema, boolean specific) {
		return this.writers.computeIfAbsent(new WriterKey(schema, specific),
				(key) -> key.specific()
						? (DatumWriter<Object>) new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema))
						: new GenericDatumWriter<>(schema, GenericData.get()));
	}

	private record WriterKey(Schema schema, boolean specific) {
	}

	private static final class Buffer {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

		private BinaryEncoder encoder;

	}

}
