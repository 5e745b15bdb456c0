package mekong.exchange.producer.desk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.RouteAlert;
import mekong.exchange.avro.SeizureReport;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.core.fixtures.InMemorySchemaRegistry;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON examples of the README (docs/examples) are valid desk requests that convert
 * into the Avro contract and back: one per payload type, a revision and a cancellation.
 */
class ExamplesTests {

	static final Path EXAMPLES = Path.of("..", "docs", "examples");

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	static final NewAlertMapper.Sender SON_LA = new NewAlertMapper.Sender(NodeId.of("VN-05"), "son-la-hotline",
			Instant.parse("2026-11-23T02:15:00Z"));

	final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void coverEveryPayloadTypeAndConvertIntoTheContractAndBack() throws IOException {
		Map<String, Class<?>> payloads = Map.of("suspect-alert.json", SuspectAlert.class, "route-alert.json",
				RouteAlert.class, "seizure-report.json", SeizureReport.class, "thanh-hoa-suspect-alert.json",
				SuspectAlert.class, "tay-ninh-suspect-alert.json", SuspectAlert.class, "svay-rieng-suspect-report.json",
				SuspectAlert.class);
		InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);
		AvroWireSerializer serializer = new AvroWireSerializer(registry);
		serializer.configure(Map.of(), false);
		AvroWireDeserializer deserializer = new AvroWireDeserializer(registry);
		deserializer.configure(Map.of("specific.avro.reader", "true"), false);

		for (Map.Entry<String, Class<?>> example : payloads.entrySet()) {
			NewAlert request = JSON.readValue(EXAMPLES.resolve(example.getKey()).toFile(), NewAlert.class);
			assertThat(this.validator.validate(request)).as(example.getKey()).isEmpty();

			Alert alert = NewAlertMapper.toAlert(request, UUID.randomUUID(), 1, MessageType.ALERT, null, SON_LA);

			assertThat(alert.getPayload()).as(example.getKey()).isInstanceOf(example.getValue());
			assertThat(deserializer.deserialize("exchange.VN-05.outbox",
					serializer.serialize("exchange.VN-05.outbox", alert)))
				.isEqualTo(alert);
		}
	}

	@Test
	void includeAValidUpdateAndAValidCancellation() throws IOException {
		NewRevision update = JSON.readValue(EXAMPLES.resolve("suspect-alert-update.json").toFile(), NewRevision.class);
		NewRevision cancel = JSON.readValue(EXAMPLES.resolve("cancel.json").toFile(), NewRevision.class);

		assertThat(this.validator.validate(update)).isEmpty();
		assertThat(this.validator.validate(cancel)).isEmpty();
		assertThat(update.messageType()).isEqualTo(MessageType.UPDATE);
		assertThat(cancel.messageType()).isEqualTo(MessageType.CANCEL);
	}

	@Test
	void areAllCovered() throws IOException {
		try (Stream<Path> files = Files.list(EXAMPLES)) {
			assertThat(files.map((file) -> file.getFileName().toString()).sorted().toList())
				.isEqualTo(List.of("cancel.json", "route-alert.json", "seizure-report.json",
						"suspect-alert-update.json", "suspect-alert.json", "svay-rieng-suspect-report.json",
						"tay-ninh-suspect-alert.json", "thanh-hoa-suspect-alert.json"));
		}
	}

}
