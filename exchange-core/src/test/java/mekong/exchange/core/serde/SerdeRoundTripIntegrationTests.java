package mekong.exchange.core.serde;

import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The serde configured by Confluent's keys alone, against a real registry. */
class SerdeRoundTripIntegrationTests {

	@Test
	void roundTripsAnAlertThroughTheRegistryWithConfluentsConfigurationKeys() {
		Map<String, Object> configs = Map.of("schema.registry.url", SharedSchemaRegistry.url(), "auto.register.schemas",
				"true", "specific.avro.reader", "true");
		try (AvroWireSerializer serializer = new AvroWireSerializer();
				AvroWireDeserializer deserializer = new AvroWireDeserializer()) {
			serializer.configure(configs, false);
			deserializer.configure(configs, false);
			Alert seizure = Alerts.seizureOnHighway6A(UUID.randomUUID()).build();

			byte[] framed = serializer.serialize("exchange.LA-HO.inbox", seizure);

			assertThat(deserializer.deserialize("exchange.LA-HO.inbox", framed)).isEqualTo(seizure);
		}
	}

	@Test
	void looksUpInsteadOfRegisteringWhenAutoRegistrationIsOff() {
		String url = SharedSchemaRegistry.url();
		try (AvroWireSerializer registering = new AvroWireSerializer();
				AvroWireSerializer lookingUp = new AvroWireSerializer()) {
			registering.configure(Map.of("schema.registry.url", url), false);
			lookingUp.configure(Map.of("schema.registry.url", url, "auto.register.schemas", "false"), false);
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();

			byte[] registered = registering.serialize("exchange.VN-05.outbox", alert);

			assertThat(lookingUp.serialize("exchange.VN-05.outbox", alert)).isEqualTo(registered);
		}
	}

}
