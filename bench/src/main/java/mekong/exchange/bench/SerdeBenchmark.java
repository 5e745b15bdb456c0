package mekong.exchange.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.fixtures.InMemorySchemaRegistry;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.serde.ContractClasses;
import mekong.exchange.core.serde.WireFormat;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Our Confluent-wire-format serde against plain Avro
 * ({@code SpecificDatumWriter}/{@code SpecificDatumReader} with reused encoders, no
 * framing, no registry), on the same alerts, in the same run. The registry is in memory:
 * after the first record every lookup is served from the serde's caches, as in
 * production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

	private static final String TOPIC = "exchange.LA-HO.inbox";

	static {
		ContractClasses.trust();
	}

	/** SUSPECTS: two persons with addresses and relationships; ROUTE: four waypoints. */
	@Param({ "SUSPECTS", "ROUTE" })
	public String payload;

	private Alert alert;

	private AvroWireSerializer serializer;

	private AvroWireDeserializer deserializer;

	private byte[] framed;

	private byte[] plain;

	private final SpecificDatumWriter<Alert> plainWriter = new SpecificDatumWriter<>(Alert.class);

	private final SpecificDatumReader<Alert> plainReader = new SpecificDatumReader<>(Alert.class);

	private final ByteArrayOutputStream plainBytes = new ByteArrayOutputStream(1024);

	private BinaryEncoder plainEncoder;

	private BinaryDecoder plainDecoder;

	@Setup
	public void setUp() throws IOException {
		UUID alertId = UUID.fromString("7d1f7a52-3c1e-4f7e-9a55-0b8f3f3c2a10");
		this.alert = "ROUTE".equals(this.payload) ? Alerts.routeTowardsVietnam(alertId).build()
				: Alerts.suspectsFromSonLa(alertId).build();
		InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);
		this.serializer = new AvroWireSerializer(registry);
		this.serializer.configure(Map.of(), false);
		this.deserializer = new AvroWireDeserializer(registry);
		this.deserializer.configure(Map.of("specific.avro.reader", "true"), false);
		this.framed = this.serializer.serialize(TOPIC, this.alert);
		this.plain = plainSerialize();
		if (this.framed.length != this.plain.length + WireFormat.HEADER_SIZE) {
			throw new IllegalStateException("The two encodings differ beyond the 5-byte header");
		}
	}

	@Benchmark
	public byte[] serializeWithOurSerde() {
		return this.serializer.serialize(TOPIC, this.alert);
	}

	@Benchmark
	public byte[] serializeWithPlainAvro() throws IOException {
		return plainSerialize();
	}

	@Benchmark
	public Object deserializeWithOurSerde() {
		return this.deserializer.deserialize(TOPIC, this.framed);
	}

	@Benchmark
	public Alert deserializeWithPlainAvro() throws IOException {
		this.plainDecoder = DecoderFactory.get().binaryDecoder(this.plain, this.plainDecoder);
		return this.plainReader.read(null, this.plainDecoder);
	}

	private byte[] plainSerialize() throws IOException {
		this.plainBytes.reset();
		this.plainEncoder = EncoderFactory.get().directBinaryEncoder(this.plainBytes, this.plainEncoder);
		this.plainWriter.write(this.alert, this.plainEncoder);
		this.plainEncoder.flush();
		return this.plainBytes.toByteArray();
	}

}
