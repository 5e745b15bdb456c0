package mekong.exchange.core.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mekong.exchange.core.registry.SchemaNotFoundException;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads values in Confluent's wire format, as Confluent's {@code KafkaAvroDeserializer}
 * does: the writer's schema comes from the registry by the id in the record, and with
 * {@code specific.avro.reader=true} the value is resolved into the generated class named
 * by that schema (old and new writers both read, by Avro's schema resolution). Datum
 * readers are cached per schema id and decoders reused per thread.
 */
public class AvroWireDeserializer extends AvroWireSerde implements Deserializer<Object> {

	private static final DecoderFactory DECODERS = DecoderFactory.get();

	private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

	private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

	/**
	 * For Kafka's configuration-driven instantiation: the registry comes from
	 * {@code schema.registry.url}.
	 */
	public AvroWireDeserializer() {
	}

	/**
	 * With a registry client shared by several serdes; {@link #configure} reads only the
	 * other settings.
	 */
	public AvroWireDeserializer(SchemaRegistryClient registry) {
		super(registry);
	}

	@Override
	public Object deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		configuredOrDefault();
		if (data.length < WireFormat.HEADER_SIZE || data[0] != WireFormat.MAGIC_BYTE) {
			throw new UndecodableRecordException("A record of " + topic + " is not in Confluent's wire format ("
					+ data.length + " bytes, first byte " + ((data.length > 0) ? data[0] : "none") + ")");
		}
		int id = ByteBuffer.wrap(data, 1, WireFormat.ID_SIZE).getInt();
		DatumReader<Object> reader = readerFor(topic, id);
		BinaryDecoder decoder = DECODERS.binaryDecoder(data, WireFormat.HEADER_SIZE,
				data.length - WireFormat.HEADER_SIZE, this.decoders.get());
		this.decoders.set(decoder);
		try {
			return reader.read(null, decoder);
		}
		catch (Exception ex) {
			throw new UndecodableRecordException(
					"A record of " + topic + " with schema id " + id + " could not be decoded: " + ex, ex);
		}
	}

	private DatumReader<Object> readerFor(String topic, int id) {
		DatumReader<Object> cached = this.readers.get(id);
		if (cached != null) {
			return cached;
		}
		Schema writer;
		try {
			writer = registry().schemaById(id);
		}
		catch (SchemaNotFoundException ex) {
			throw new UnknownSchemaException(
					"A record of " + topic + " names schema id " + id + ", which the registry does not know", ex);
		}
		DatumReader<Object> reader = config().specificAvroReader() ? specificReader(topic, id, writer)
				: new GenericDatumReader<>(writer, genericReaderSchema(topic, writer), GenericData.get());
		DatumReader<Object> raced = this.readers.putIfAbsent(id, reader);
		return (raced != null) ? raced : reader;
	}

	/**
	 * The writer's own schema, or with {@code use.latest.version} the newest version of
	 * the subject, so that a reader sees every record in the shape of the newest
	 * contract, as Confluent's deserializer does.
	 */
	private Schema genericReaderSchema(String topic, Schema writer) {
		if (!config().useLatestVersion()) {
			return writer;
		}
		String subject = config().subjects(isKey()).subject(topic, isKey(), writer);
		try {
			return registry().latest(subject).schema();
		}
		catch (SchemaRegistryException ex) {
			throw new UnknownSchemaException("No latest version of subject " + subject + " to read records of " + topic
					+ " with: " + ex.getMessage(), ex);
		}
	}

	private static DatumReader<Object> specificReader(String topic, int id, Schema writer) {
		Class<?> type = SpecificData.get().getClass(writer);
		if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
			throw new UndecodableRecordException("A record of " + topic + " with schema id " + id + " is a "
					+ writer.getFullName() + ", for which this reader has no generated class");
		}
		SpecificData model = SpecificData.getForClass(type);
		return new SpecificDatumReader<>(writer, model.getSchema(type), model);
	}

}
