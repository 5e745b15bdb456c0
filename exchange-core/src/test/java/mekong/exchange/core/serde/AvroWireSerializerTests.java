package mekong.exchange.core.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.fixtures.InMemorySchemaRegistry;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroWireSerializerTests {

	static final String TOPIC = "exchange.LA-HO.inbox";

	final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(4_200_000);

	final AvroWireSerializer serializer = new AvroWireSerializer(this.registry);

	final AvroWireDeserializer specificReader = new AvroWireDeserializer(this.registry);

	final Alert alert = Alerts.suspectsFromSonLa(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")).build();

	AvroWireSerializerTests() {
		this.serializer.configure(Map.of(), false);
		this.specificReader.configure(Map.of("specific.avro.reader", "true"), false);
	}

	@Nested
	class Framing {

		@Test
		void startsWithMagicByteZeroThenTheSchemaIdBigEndianThenPlainAvroBinary() throws IOException {
			byte[] framed = AvroWireSerializerTests.this.serializer.serialize(TOPIC,
					AvroWireSerializerTests.this.alert);

			assertThat(framed[0]).isEqualTo((byte) 0);
			// 4,200,000 = 0x00401640
			assertThat(Arrays.copyOfRange(framed, 1, 5)).containsExactly(0x00, 0x40, 0x16, 0x40);
			assertThat(Arrays.copyOfRange(framed, 5, framed.length))
				.isEqualTo(plainAvro(AvroWireSerializerTests.this.alert));
		}

		@Test
		void registersTheValueSchemaUnderTheTopicNameStrategySubject() {
			AvroWireSerializerTests.this.serializer.serialize(TOPIC, AvroWireSerializerTests.this.alert);

			assertThat(AvroWireSerializerTests.this.registry.latest(TOPIC + "-value").schema())
				.isEqualTo(Alert.getClassSchema());
		}

		@Test
		void writesNullAsNullForTombstones() {
			assertThat(AvroWireSerializerTests.this.serializer.serialize(TOPIC, null)).isNull();
			assertThat(AvroWireSerializerTests.this.specificReader.deserialize(TOPIC, null)).isNull();
		}

		@Test
		void refusesValuesThatAreNotAvroRecords() {
			assertThatExceptionOfType(SerializationException.class)
				.isThrownBy(() -> AvroWireSerializerTests.this.serializer.serialize(TOPIC, "just text"))
				.withMessageContaining("Only Avro records");
		}

	}

	@Nested
	class RoundTrip {

		@Test
		void readsBackAnEqualSpecificRecordWithEveryLogicalType() {
			Alert seizure = Alerts.seizureOnHighway6A(UUID.randomUUID()).build();
			byte[] framed = AvroWireSerializerTests.this.serializer.serialize(TOPIC, seizure);

			assertThat(AvroWireSerializerTests.this.specificReader.deserialize(TOPIC, framed)).isEqualTo(seizure);
		}

		@Test
		void readsGenericRecordsWhenNotAskedForSpecificOnes() {
			AvroWireDeserializer genericReader = new AvroWireDeserializer(AvroWireSerializerTests.this.registry);
			genericReader.configure(Map.of(), false);
			byte[] framed = AvroWireSerializerTests.this.serializer.serialize(TOPIC,
					AvroWireSerializerTests.this.alert);

			Object read = genericReader.deserialize(TOPIC, framed);

			assertThat(read).isInstanceOf(GenericData.Record.class);
			assertThat(((GenericRecord) read).get("summary").toString())
				.isEqualTo(AvroWireSerializerTests.this.alert.getSummary());
		}

		@Test
		void keepsOneWriterPerSchemaForDifferentRecordTypes() {
			Acknowledgement ack = new Acknowledgement(AvroWireSerializerTests.this.alert.getAlertId(), 1, "LA-HO",
					AckStatus.RECEIVED, Alerts.SENT_AT, null, null, null, null);
			byte[] framedAck = AvroWireSerializerTests.this.serializer.serialize("exchange.VN-05.acks", ack);
			byte[] framedAlert = AvroWireSerializerTests.this.serializer.serialize(TOPIC,
					AvroWireSerializerTests.this.alert);

			assertThat(AvroWireSerializerTests.this.specificReader.deserialize("exchange.VN-05.acks", framedAck))
				.isEqualTo(ack);
			assertThat(AvroWireSerializerTests.this.specificReader.deserialize(TOPIC, framedAlert))
				.isEqualTo(AvroWireSerializerTests.this.alert);
		}

	}

	@Nested
	class ConfluentConfiguration {

		final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);

		byte[] writeWith(String strategy) {
			AvroWireSerializer serializer = new AvroWireSerializer(this.registry);
			serializer.configure(Map.of("value.subject.name.strategy", strategy), false);
			return serializer.serialize(TOPIC, AvroWireSerializerTests.this.alert);
		}

		@Test
		void namesSubjectsByRecordWithConfluentsRecordNameStrategy() {
			writeWith("io.confluent.kafka.serializers.subject.RecordNameStrategy");
			assertThat(this.registry.latest("mekong.exchange.avro.Alert").schema()).isEqualTo(Alert.getClassSchema());
		}

		@Test
		void namesSubjectsByTopicAndRecordWithConfluentsTopicRecordNameStrategy() {
			writeWith("TopicRecordNameStrategy");
			assertThat(this.registry.latest(TOPIC + "-mekong.exchange.avro.Alert").schema())
				.isEqualTo(Alert.getClassSchema());
		}

		@Test
		void refusesAnUnknownStrategy() {
			assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> writeWith("com.example.MyStrategy"))
				.withMessageContaining("Unknown subject name strategy com.example.MyStrategy");
		}

		@Test
		void writesWithTheLatestVersionWhenAskedToAndDoesNotRegister() {
			this.registry.register(TOPIC + "-value", Alert.getClassSchema());
			AvroWireSerializer serializer = new AvroWireSerializer(this.registry);
			serializer.configure(Map.of("use.latest.version", "true", "auto.register.schemas", "false"), false);

			byte[] framed = serializer.serialize(TOPIC, AvroWireSerializerTests.this.alert);

			assertThat(framed).startsWith(0, 0, 0, 0, 1);
		}

		@Test
		void needsARegistryUrlWhenNoClientIsGiven() {
			assertThatExceptionOfType(ConfigException.class)
				.isThrownBy(() -> new AvroWireSerializer().configure(Map.of(), false))
				.withMessageContaining("schema.registry.url is not set");
		}

	}

	@Nested
	class BadBytes {

		@Test
		void areUndecodableWithoutTheMagicByte() {
			byte[] framed = AvroWireSerializerTests.this.serializer.serialize(TOPIC,
					AvroWireSerializerTests.this.alert);
			framed[0] = 1;
			assertThatExceptionOfType(UndecodableRecordException.class)
				.isThrownBy(() -> AvroWireSerializerTests.this.specificReader.deserialize(TOPIC, framed))
				.withMessageContaining("not in Confluent's wire format")
				.withMessageContaining(TOPIC);
		}

		@Test
		void areUndecodableWhenShorterThanTheHeader() {
			assertThatExceptionOfType(UndecodableRecordException.class).isThrownBy(
					() -> AvroWireSerializerTests.this.specificReader.deserialize(TOPIC, new byte[] { 0, 0, 1 }));
		}

		@Test
		void areUndecodableWhenTruncated() {
			byte[] framed = AvroWireSerializerTests.this.serializer.serialize(TOPIC,
					AvroWireSerializerTests.this.alert);
			assertThatExceptionOfType(UndecodableRecordException.class)
				.isThrownBy(() -> AvroWireSerializerTests.this.specificReader.deserialize(TOPIC,
						Arrays.copyOf(framed, framed.length / 2)))
				.withMessageContaining("schema id 4200000");
		}

		@Test
		void nameTheUnknownSchemaId() {
			byte[] framed = AvroWireSerializerTests.this.serializer.serialize(TOPIC,
					AvroWireSerializerTests.this.alert);
			framed[4] = 0x7f;
			assertThatExceptionOfType(UnknownSchemaException.class)
				.isThrownBy(() -> AvroWireSerializerTests.this.specificReader.deserialize(TOPIC, framed))
				.withMessageContaining("schema id 4200063")
				.withMessageContaining(TOPIC);
		}

	}

	static byte[] plainAvro(Alert alert) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new SpecificDatumWriter<>(Alert.class).write(alert, encoder);
		encoder.flush();
		return out.toByteArray();
	}

}
