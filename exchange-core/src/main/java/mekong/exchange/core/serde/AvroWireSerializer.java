package mekong.exchange.core.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mekong.exchange.core.registry.RegisteredSchema;
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
public class AvroWireSerializer extends AvroWireSerde implements Serializer<Object> {

	private static final EncoderFactory ENCODERS = EncoderFactory.get();

	private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

	private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();

	private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

	/**
	 * Per topic, what each record schema written there resolved to; as many entries as
	 * topics and schemas written.
	 */
	private final Map<String, Map<Schema, Resolved>> resolved = new ConcurrentHashMap<>();

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
		super(registry);
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
		configuredOrDefault();
		Resolved resolved = resolve(topic, container.getSchema());
		return write(topic, resolved.id(), resolved.writerSchema(), data);
	}

	/**
	 * The id to frame records of {@code schema} with on {@code topic}, and the schema to
	 * write them with: asked of the registry once, then kept (as Confluent's serializer
	 * keeps the latest version unless told otherwise).
	 */
	private Resolved resolve(String topic, Schema schema) {
		Map<Schema, Resolved> known = this.resolved.get(topic);
		if (known == null) {
			known = this.resolved.computeIfAbsent(topic, (added) -> new ConcurrentHashMap<>());
		}
		Resolved cached = known.get(schema);
		if (cached != null) {
			return cached;
		}
		String subject = config().subjects(isKey()).subject(topic, isKey(), schema);
		Resolved resolved;
		try {
			if (config().useLatestVersion()) {
				RegisteredSchema latest = registry().latest(subject);
				resolved = new Resolved(latest.id(), latest.schema());
			}
			else if (config().autoRegisterSchemas()) {
				resolved = new Resolved(registry().register(subject, schema), schema);
			}
			else {
				resolved = new Resolved(registry().idOf(subject, schema), schema);
			}
		}
		catch (SchemaRegistryException ex) {
			throw new SerializationException("Could not find the schema id of " + schema.getFullName() + " for topic "
					+ topic + " (subject " + subject + "): " + ex.getMessage(), ex);
		}
		Resolved raced = known.putIfAbsent(schema, resolved);
		return (raced != null) ? raced : resolved;
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
		return specific
				? this.specificWriters.computeIfAbsent(schema,
						(added) -> (DatumWriter<Object>) new SpecificDatumWriter<>(schema,
								SpecificData.getForSchema(schema)))
				: this.genericWriters.computeIfAbsent(schema,
						(added) -> new GenericDatumWriter<>(schema, GenericData.get()));
	}

	private record Resolved(int id, Schema writerSchema) {
	}

	private static final class Buffer {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

		private BinaryEncoder encoder;

	}

}
