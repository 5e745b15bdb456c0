package mekong.exchange.core.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroJsonTests {

	final UUID alertId = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

	@Test
	void rendersLogicalTypesAsTextAndLeavesOutAbsentOptionalFields() {
		Map<String, Object> json = AvroJson.toMap(Alerts.suspectsFromSonLa(this.alertId).build());

		assertThat(json).containsEntry("alertId", "0f8fad5b-d9cb-469f-a165-70867728950e")
			.containsEntry("sentAt", "2026-11-23T02:15:00Z")
			.containsEntry("priority", "FLASH")
			.containsEntry("addressees", List.of("LA-HO"))
			.doesNotContainKey("expiresAt");
		assertThat(json.get("handling"))
			.isEqualTo(Map.of("tlp", "AMBER", "sourceReliability", "B", "infoCredibility", 2));
	}

	@Test
	void namesTheTypeOfThePayload() {
		Alert seizure = Alerts.seizureOnHighway6A(this.alertId).build();

		Map<?, ?> payload = (Map<?, ?>) AvroJson.toMap(seizure).get("payload");

		assertThat(payload.get("type")).isEqualTo("SeizureReport");
		assertThat((List<?>) payload.get("items")).first()
			.isEqualTo(Map.of("kind", "METHAMPHETAMINE_TABLETS", "quantity", new BigDecimal("24000.000"), "unit",
					"TABLETS"));
	}

	@Test
	void keepsFieldsInSchemaOrder() {
		assertThat(AvroJson.toMap(Alerts.suspectsFromSonLa(this.alertId).build()).keySet()).startsWith("alertId",
				"revision", "messageType", "origin", "sentAt");
	}

}
