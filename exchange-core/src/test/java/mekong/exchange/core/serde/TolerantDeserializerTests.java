package mekong.exchange.core.serde;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.fixtures.InMemorySchemaRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TolerantDeserializerTests {

	static final String TOPIC = "exchange.LA-HO.inbox";

	final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);

	final AvroWireSerializer serializer = new AvroWireSerializer(this.registry);

	final TolerantDeserializer deserializer = new TolerantDeserializer(new AvroWireDeserializer(this.registry));

	final Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();

	TolerantDeserializerTests() {
		this.serializer.configure(Map.of(), false);
		this.deserializer.configure(Map.of("specific.avro.reader", "true"), false);
	}

	@Test
	void decodesWhatItsDelegateDecodes() {
		byte[] framed = this.serializer.serialize(TOPIC, this.alert);

		assertThat(this.deserializer.deserialize(TOPIC, new RecordHeaders(), framed)).isEqualTo(this.alert);
	}

	@Test
	void handsOnTheBytesAndTheFailureOfWhatItCannotDecode() {
		byte[] framed = this.serializer.serialize(TOPIC, this.alert);
		byte[] truncated = Arrays.copyOf(framed, framed.length / 2);

		assertThat(this.deserializer.deserialize(TOPIC, new RecordHeaders(), truncated))
			.isInstanceOfSatisfying(UndecodedValue.class, (undecoded) -> {
				assertThat(undecoded.bytes()).isEqualTo(truncated);
				assertThat(undecoded.failure()).isInstanceOf(UndecodableRecordException.class);
			});
	}

	@Test
	void setsAsideRandomBodiesBehindTheHeaderOfARealSchemaWithoutRunningOutOfMemory() {
		byte[] header = Arrays.copyOf(this.serializer.serialize(TOPIC, this.alert), WireFormat.HEADER_SIZE);
		Random random = new Random(20261123);
		int undecoded = 0;
		for (int i = 0; i < 100_000; i++) {
			byte[] body = new byte[random.nextInt(300)];
			random.nextBytes(body);
			byte[] framed = new byte[header.length + body.length];
			System.arraycopy(header, 0, framed, 0, header.length);
			System.arraycopy(body, 0, framed, header.length, body.length);
			if (this.deserializer.deserialize(TOPIC, new RecordHeaders(), framed) instanceof UndecodedValue) {
				undecoded++;
			}
		}
		assertThat(undecoded).isEqualTo(100_000);
	}

	@Test
	void treatsARecordWithoutValueAsUndecodable() {
		assertThat(this.deserializer.deserialize(TOPIC, new RecordHeaders(), (byte[]) null))
			.isInstanceOfSatisfying(UndecodedValue.class, (undecoded) -> {
				assertThat(undecoded.bytes()).isNull();
				assertThat(undecoded.failure()).hasMessageContaining("no value");
			});
	}

}
