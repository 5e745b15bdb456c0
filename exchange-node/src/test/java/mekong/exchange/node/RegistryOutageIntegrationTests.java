package mekong.exchange.node;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import mekong.exchange.avro.Alert;
import mekong.exchange.boot.signing.SigningSerializer;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.testing.FreePorts;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schema registry that stops answering pauses the receiver instead of dead-lettering
 * what it cannot read yet: a partner system writes alerts with a schema version Houaphan
 * has never fetched, the registry is down for 10 seconds and while it starts again (as
 * long again on this machine), and soon after it is back every alert is delivered once
 * and nothing is in the dead-letter topic.
 */
class RegistryOutageIntegrationTests {

	static final int ALERTS = 200;

	static final Duration OUTAGE = Duration.ofSeconds(10);

	static final String INBOX = "exchange.LA-HO.inbox";

	@TempDir
	static Path data;

	@Test
	void alertsTheReceiverCannotReadDuringAnOutageAreDeliveredOnceWhenTheRegistryIsBack() throws Exception {
		int port = FreePorts.next();
		ApicurioRegistry registry = ApicurioRegistry.start(data.resolve("registry"), port, Duration.ofSeconds(90));
		try (TwoNodes nodes = TwoNodes.withRegistry(registry.confluentApiUrl()).start(data)) {
			nodes.createTopicsOfAnotherNode("LA-LP");
			List<GenericRecord> alerts = new ArrayList<>();
			for (int i = 0; i < ALERTS; i++) {
				alerts.add(alertOfAPartnerSystem());
			}
			Set<String> sent = alerts.stream().map(RegistryOutageIntegrationTests::keyOf).collect(Collectors.toSet());
			AvroWireSerializer values = new AvroWireSerializer();
			values.configure(Map.of("schema.registry.url", registry.confluentApiUrl()), false);
			// The partner registers its schema version, which Houaphan has not fetched
			// yet.
			values.serialize(INBOX, alerts.get(0));
			registry.close();
			try (KafkaProducer<String, Object> luangPrabang = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.broker.bootstrapServers()),
					new StringSerializer(), new SigningSerializer(values, TestKeys.signerOf("LA-LP")))) {
				for (GenericRecord alert : alerts) {
					luangPrabang.send(new ProducerRecord<>(INBOX, keyOf(alert), alert));
				}
				luangPrabang.flush();
			}
			await().during(OUTAGE)
				.atMost(OUTAGE.plusSeconds(10))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> recordsOf(nodes, "exchange.LA-HO.dlq").isEmpty());
			assertThat(recordsOf(nodes, "exchange.LA-LP.acks")).as("alerts taken while the registry was down")
				.noneMatch((record) -> sent.contains(record.key()));
			registry = ApicurioRegistry.start(data.resolve("registry"), port, Duration.ofSeconds(90));

			// The receiver's stream thread failed during the outage and was replaced;
			// its tasks reach the new thread once the failed one's session expires, 10 s.
			// With Kafka's 45 s the alerts came 33 to 43 s after the registry was back.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Map<String, Long> received = recordsOf(nodes, "exchange.LA-LP.acks").stream()
					.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
				assertThat(received.keySet()).containsAll(sent);
				assertThat(received.values()).as("times each alert was received").containsOnly(1L);
			});
			assertThat(recordsOf(nodes, "exchange.LA-HO.dlq")).isEmpty();
			String one = sent.iterator().next();
			assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + one).status()).isEqualTo(200);
		}
		finally {
			registry.close();
		}
	}

	/**
	 * An alert from Luang Prabang in the shape of the partner's own schema version: the
	 * contract's Alert with one optional field more, as a later contract could add.
	 */
	private static GenericRecord alertOfAPartnerSystem() throws Exception {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
		alert.getOrigin().setNodeId("LA-LP");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
		new SpecificDatumWriter<>(Alert.class).write(alert, encoder);
		encoder.flush();
		GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(Alert.getClassSchema(), partnerSchema(),
				GenericData.get());
		return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
	}

	private static Schema partnerSchema() {
		Schema contract = Alert.getClassSchema();
		List<Schema.Field> fields = new ArrayList<>();
		contract.getFields().forEach((field) -> fields.add(new Schema.Field(field, field.schema())));
		fields.add(new Schema.Field("partnerReference", SchemaBuilder.builder().nullable().stringType(),
				"the partner system's own reference", Schema.Field.NULL_DEFAULT_VALUE));
		Schema partner = Schema.createRecord(contract.getName(), contract.getDoc(), contract.getNamespace(), false);
		partner.setFields(fields);
		return partner;
	}

	private static String keyOf(Object alert) {
		return ((GenericRecord) alert).get("alertId").toString();
	}

	private static List<ConsumerRecord<String, byte[]>> recordsOf(TwoNodes nodes, String topic) {
		return ExchangeIntegrationTests.allRecordsOf(nodes.broker.bootstrapServers(), topic);
	}

}
