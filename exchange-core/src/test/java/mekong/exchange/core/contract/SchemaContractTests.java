package mekong.exchange.core.contract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.state.IdempotentRequest;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's own rules, checked on every schema the exchange publishes, and on the
 * state records the nodes keep, which evolve under the same rules.
 */
class SchemaContractTests {

	static final List<Schema> CONTRACT = List.of(Alert.getClassSchema(), Acknowledgement.getClassSchema(),
			Escalation.getClassSchema(), AuditEvent.getClassSchema(), InboxHead.getClassSchema(),
			SentHead.getClassSchema(), RevisionSummary.getClassSchema(), IdempotentRequest.getClassSchema());

	@Test
	void documentsEveryRecordEnumAndField() {
		List<String> undocumented = new ArrayList<>();
		for (Schema schema : namedTypes()) {
			if (isBlank(schema.getDoc())) {
				undocumented.add(schema.getFullName());
			}
			if (schema.getType() == Schema.Type.RECORD) {
				schema.getFields()
					.stream()
					.filter((field) -> isBlank(field.doc()))
					.forEach((field) -> undocumented.add(schema.getName() + "." + field.name()));
			}
		}
		assertThat(undocumented).isEmpty();
	}

	@Test
	void givesEveryEnumAnUnknownDefaultSoOldReadersSurviveNewSymbols() {
		assertThat(namedTypes()).filteredOn((schema) -> schema.getType() == Schema.Type.ENUM)
			.isNotEmpty()
			.allSatisfy((schema) -> {
				assertThat(schema.getEnumDefault()).as(schema.getFullName()).isEqualTo("UNKNOWN");
				assertThat(schema.getEnumSymbols()).as(schema.getFullName()).startsWith("UNKNOWN");
			});
	}

	@Test
	void makesEveryOptionalFieldDefaultToNull() {
		List<String> withoutDefault = new ArrayList<>();
		for (Schema schema : namedTypes()) {
			if (schema.getType() == Schema.Type.RECORD) {
				schema.getFields()
					.stream()
					.filter((field) -> field.schema().isNullable() && field.defaultVal() != JsonProperties.NULL_VALUE)
					.forEach((field) -> withoutDefault.add(schema.getName() + "." + field.name()));
			}
		}
		assertThat(withoutDefault).isEmpty();
	}

	@Test
	void usesLogicalTypesForIdsTimesDatesAndExactQuantities() {
		Schema alert = Alert.getClassSchema();
		assertThat(alert.getField("alertId").schema().getLogicalType()).isEqualTo(LogicalTypes.uuid());
		assertThat(alert.getField("sentAt").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
		Schema person = named("mekong.exchange.avro.Person");
		assertThat(person.getField("birthDate").schema().getTypes().get(1).getLogicalType())
			.isEqualTo(LogicalTypes.date());
		assertThat(named("mekong.exchange.avro.SeizedItem").getField("quantity").schema().getLogicalType())
			.isEqualTo(LogicalTypes.decimal(18, 3));
	}

	static Schema named(String fullName) {
		return namedTypes().stream()
			.filter((schema) -> schema.getFullName().equals(fullName))
			.findFirst()
			.orElseThrow();
	}

	static List<Schema> namedTypes() {
		return namedTypes(CONTRACT);
	}

	/** The records, enums and fixed types of {@code schemas} and all they contain. */
	static List<Schema> namedTypes(List<Schema> schemas) {
		Map<Schema, Boolean> seen = new IdentityHashMap<>();
		List<Schema> named = new ArrayList<>();
		schemas.forEach((schema) -> collect(schema, seen, named));
		return named;
	}

	private static void collect(Schema schema, Map<Schema, Boolean> seen, List<Schema> named) {
		if (seen.put(schema, Boolean.TRUE) != null) {
			return;
		}
		switch (schema.getType()) {
			case RECORD -> {
				named.add(schema);
				schema.getFields().forEach((field) -> collect(field.schema(), seen, named));
			}
			case ENUM, FIXED -> named.add(schema);
			case ARRAY -> collect(schema.getElementType(), seen, named);
			case MAP -> collect(schema.getValueType(), seen, named);
			case UNION -> schema.getTypes().forEach((branch) -> collect(branch, seen, named));
			default -> {
			}
		}
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

}
