package mekong.exchange.core.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.FreePorts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our serde against Confluent's own, in its JavaScript client
 * ({@code @confluentinc/schemaregistry}), on the same registry and broker: Confluent's
 * deserializer reads what we write with the same field values and writes the same bytes
 * back; we read what Confluent's serializer writes, payload union and null optionals
 * included. Skipped when Node.js and npm are not installed; CI has them.
 */
class ConfluentInteropIntegrationTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final Path SCRIPT_SOURCES = Path.of("src", "test", "js", "confluent-interop");

	static final Path SCRIPT = Path.of("target", "confluent-interop");

	@TempDir
	static Path data;

	static LocalKafkaBroker broker;

	@BeforeAll
	static void installConfluentsClientAndStartABroker() throws Exception {
		assumeTrue(runs("node", "--version") && runs("npm", "--version"),
				"Node.js and npm are needed to run Confluent's JavaScript serde");
		Files.createDirectories(SCRIPT);
		for (String file : List.of("package.json", "package-lock.json", "interop.js")) {
			Files.copy(SCRIPT_SOURCES.resolve(file), SCRIPT.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(SCRIPT.resolve("node_modules/@confluentinc/schemaregistry"))) {
			Run install = run(Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
			assertThat(install.exitCode()).as(install.output()).isZero();
		}
		broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			admin
				.createTopics(List.of(new NewTopic("interop.java-to-js", 1, (short) 1),
						new NewTopic("interop.js-to-java", 1, (short) 1)))
				.all()
				.get();
		}
	}

	@AfterAll
	static void stopTheBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void confluentsDeserializerReadsWhatOurSerializerWritesAndWritesTheSameBytesBack() throws Exception {
		Alert.Builder withoutLastSeen = Alerts.suspectsFromSonLa(UUID.randomUUID());
		withoutLastSeen
			.setPayload(SuspectAlert.newBuilder((SuspectAlert) withoutLastSeen.getPayload()).setLastSeen(null).build())
			.setRevisionNote("Kia Vang is 48, not 47");
		List<Alert> written = List.of(Alerts.suspectsFromSonLa(UUID.randomUUID()).build(),
				Alerts.seizureOnHighway6A(UUID.randomUUID())
					.setExpiresAt(Instant.parse("2026-12-31T00:00:00Z"))
					.build(),
				withoutLastSeen.build());
		Map<String, byte[]> bytesByKey = new LinkedHashMap<>();
		AvroWireSerializer serializer = new AvroWireSerializer();
		serializer.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			for (Alert alert : written) {
				byte[] framed = serializer.serialize("interop.java-to-js", alert);
				bytesByKey.put(alert.getAlertId().toString(), framed);
				producer.send(new ProducerRecord<>("interop.java-to-js", alert.getAlertId().toString(), framed)).get();
			}
		}

		Run read = run(Duration.ofMinutes(2), "node", "interop.js", "read", broker.bootstrapServers(),
				SharedSchemaRegistry.url(), "interop.java-to-js", String.valueOf(written.size()));
		assertThat(read.exitCode()).as(read.output()).isZero();

		List<JsonNode> lines = jsonLines(read.output());
		assertThat(lines).hasSize(written.size());
		for (Alert alert : written) {
			JsonNode line = lines.stream()
				.filter((candidate) -> candidate.get("key").asText().equals(alert.getAlertId().toString()))
				.findFirst()
				.orElseThrow();
			assertThat(sameValues(line.get("value"), asConfluentJavaScriptSeesIt(alert)))
				.as("field values Confluent's deserializer read for %s: %s", alert.getAlertId(), line.get("value"))
				.isTrue();
			assertThat(line.get("rewritten").asText()).as("Confluent's bytes for the same value")
				.isEqualTo(HexFormat.of().formatHex(bytesByKey.get(alert.getAlertId().toString())));
		}
	}

	@Test
	void ourDeserializerReadsWhatConfluentsSerializerWrites() throws Exception {
		new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), Duration.ofSeconds(10))
			.register("interop.js-to-java-value", Alert.getClassSchema());

		Run write = run(Duration.ofMinutes(2), "node", "interop.js", "write", broker.bootstrapServers(),
				SharedSchemaRegistry.url(), "interop.js-to-java");
		assertThat(write.exitCode()).as(write.output()).isZero();
		List<JsonNode> lines = jsonLines(write.output());
		assertThat(lines).hasSize(2);

		AvroWireDeserializer deserializer = new AvroWireDeserializer();
		deserializer.configure(
				Map.of("schema.registry.url", SharedSchemaRegistry.url(), "specific.avro.reader", "true"), false);
		Map<String, ConsumerRecord<String, byte[]>> records = readAll("interop.js-to-java", lines.size());
		for (JsonNode line : lines) {
			ConsumerRecord<String, byte[]> record = records.get(line.get("key").asText());
			assertThat(HexFormat.of().formatHex(record.value())).isEqualTo(line.get("written").asText());
			Alert read = (Alert) deserializer.deserialize(record.topic(), record.value());
			assertThat(sameValues(line.get("value"), asConfluentJavaScriptSeesIt(read)))
				.as("field values our deserializer read: %s", asConfluentJavaScriptSeesIt(read))
				.isTrue();
		}
	}

	/**
	 * A record as Confluent's JavaScript serde represents it: logical types as their
	 * underlying Avro values (uuid as text, timestamps as epoch milliseconds, dates as
	 * epoch days, decimals as their unscaled bytes), a union of records wrapped in an
	 * object named after the record's full name, nullable values bare.
	 */
	static JsonNode asConfluentJavaScriptSeesIt(IndexedRecord record) {
		return JSON.valueToTree(view(record.getSchema(), record));
	}

	private static Object view(Schema schema, Object value) {
		if (value == null) {
			return null;
		}
		switch (schema.getType()) {
			case RECORD -> {
				IndexedRecord record = (IndexedRecord) value;
				Map<String, Object> fields = new LinkedHashMap<>();
				schema.getFields()
					.forEach((field) -> fields.put(field.name(), view(field.schema(), record.get(field.pos()))));
				return fields;
			}
			case UNION -> {
				List<Schema> branches = schema.getTypes()
					.stream()
					.filter((branch) -> branch.getType() != Schema.Type.NULL)
					.toList();
				if (branches.size() == 1) {
					return view(branches.get(0), value);
				}
				Schema branch = branches.stream()
					.filter((candidate) -> candidate.getFullName()
						.equals(((IndexedRecord) value).getSchema().getFullName()))
					.findFirst()
					.orElseThrow();
				return Map.of(branch.getFullName(), view(branch, value));
			}
			case ARRAY -> {
				List<Object> items = new ArrayList<>();
				((List<?>) value).forEach((item) -> items.add(view(schema.getElementType(), item)));
				return items;
			}
			case LONG -> {
				return (value instanceof Instant instant) ? instant.toEpochMilli() : value;
			}
			case INT -> {
				return (value instanceof LocalDate date) ? date.toEpochDay() : value;
			}
			case BYTES -> {
				if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
					return "hex:" + HexFormat.of().formatHex(((BigDecimal) value).unscaledValue().toByteArray());
				}
				return value;
			}
			case ENUM, STRING -> {
				return value.toString();
			}
			default -> {
				return value;
			}
		}
	}

	/** Equal trees, numbers compared by value (JavaScript has one number type). */
	static boolean sameValues(JsonNode one, JsonNode other) {
		return one.equals((left, right) -> (left.isNumber() && right.isNumber())
				? Double.compare(left.asDouble(), right.asDouble()) : left.equals(right) ? 0 : 1, other);
	}

	static Map<String, ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
		Map<String, ConsumerRecord<String, byte[]>> records = new LinkedHashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < count && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> records.put(record.key(), record));
			}
		}
		return records;
	}

	static List<JsonNode> jsonLines(String output) throws IOException {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (line.startsWith("{")) {
				lines.add(JSON.readTree(line));
			}
		}
		return lines;
	}

	record Run(int exitCode, String output) {
	}

	static Run run(Duration timeout, String... command) {
		try {
			Path output = Files.createTempFile(data, "output", ".txt");
			Process process = new ProcessBuilder(command).directory(SCRIPT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Run(-1, "timed out: " + Files.readString(output));
			}
			return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static boolean runs(String... command) {
		try {
			return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
