package mekong.exchange.core.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Category;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.IncompatibleSchemaException;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Version 2 of {@code Alert} adds an optional field and a category: partners still on
 * version 1 read version 2 records, partners on version 2 read version 1 records, through
 * the registry; a breaking change is refused.
 */
class SchemaEvolutionIntegrationTests {

	static final String TOPIC = "evolution.VN-05.outbox";

	static final ObjectMapper JSON = new ObjectMapper();

	final String registry = SharedSchemaRegistry.url();

	@Test
	void readersOfEitherVersionReadRecordsOfTheOtherAndABreakingChangeIsRefused() throws IOException {
		Alert v1Alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		byte[] v1Record = serializer().serialize(TOPIC, v1Alert);
		Schema v2 = version2();
		new HttpSchemaRegistryClient(this.registry, Duration.ofSeconds(10)).register(TOPIC + "-value", v2);

		GenericRecord v2Alert = asVersion2(v1Alert, v2);
		v2Alert.put("sourceCaseNumber", "SL-2022-0722");
		v2Alert.put("category", new GenericData.EnumSymbol(v2.getField("category").schema(), "ENVIRONMENTAL_CRIME"));
		byte[] v2Record = serializer().serialize(TOPIC, v2Alert);

		Alert readByVersion1 = (Alert) deserializer(Map.of("specific.avro.reader", "true")).deserialize(TOPIC,
				v2Record);
		assertThat(readByVersion1.getAlertId()).isEqualTo(v1Alert.getAlertId());
		assertThat(readByVersion1.getCategory()).as("a category version 1 does not know").isEqualTo(Category.UNKNOWN);
		assertThat(readByVersion1.getPayload()).isEqualTo(v1Alert.getPayload());

		GenericRecord readByVersion2 = (GenericRecord) deserializer(Map.of("use.latest.version", "true"))
			.deserialize(TOPIC, v1Record);
		assertThat(readByVersion2.getSchema()).isEqualTo(v2);
		assertThat(readByVersion2.get("sourceCaseNumber")).as("the new field's default").isNull();
		assertThat(readByVersion2.get("summary").toString()).isEqualTo(v1Alert.getSummary());

		Schema breaking = edited((alert) -> ((ObjectNode) field(alert, "revision")).put("type", "string"));
		assertThatExceptionOfType(IncompatibleSchemaException.class)
			.isThrownBy(() -> new HttpSchemaRegistryClient(this.registry, Duration.ofSeconds(10))
				.register(TOPIC + "-value", breaking))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(409));
	}

	AvroWireSerializer serializer() {
		AvroWireSerializer serializer = new AvroWireSerializer();
		serializer.configure(Map.of("schema.registry.url", this.registry), false);
		return serializer;
	}

	AvroWireDeserializer deserializer(Map<String, String> settings) {
		AvroWireDeserializer deserializer = new AvroWireDeserializer();
		Map<String, Object> configs = new HashMap<>(settings);
		configs.put("schema.registry.url", this.registry);
		deserializer.configure(configs, false);
		return deserializer;
	}

	/**
	 * Version 1 plus an optional {@code sourceCaseNumber} and the category
	 * ENVIRONMENTAL_CRIME.
	 */
	static Schema version2() throws IOException {
		return edited((alert) -> {
			ObjectNode caseNumber = ((ArrayNode) alert.get("fields")).addObject();
			caseNumber.put("name", "sourceCaseNumber");
			caseNumber.putArray("type").add("null").add("string");
			caseNumber.putNull("default");
			caseNumber.put("doc", "The case number at the origin, if it has one.");
			((ArrayNode) field(alert, "category").get("type").get("symbols")).add("ENVIRONMENTAL_CRIME");
		});
	}

	static Schema edited(Consumer<ObjectNode> edit) throws IOException {
		ObjectNode alert = (ObjectNode) JSON.readTree(Alert.getClassSchema().toString());
		edit.accept(alert);
		return new Schema.Parser().parse(alert.toString());
	}

	static JsonNode field(ObjectNode record, String name) {
		for (JsonNode field : record.get("fields")) {
			if (name.equals(field.get("name").asText())) {
				return field;
			}
		}
		throw new IllegalArgumentException("No field " + name);
	}

	/** The same alert as a generic record of version 2, by Avro's schema resolution. */
	static GenericRecord asVersion2(Alert alert, Schema v2) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
		new SpecificDatumWriter<>(Alert.class).write(alert, encoder);
		encoder.flush();
		return new GenericDatumReader<GenericRecord>(Alert.getClassSchema(), v2).read(null,
				DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
	}

}
