package mekong.exchange.core.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.state.IdempotentRequest;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's state stores outlive the version that wrote them: after an upgrade, the new
 * version reads the heads and summaries the old one wrote (BACKWARD, the rule the
 * registry applies to their subjects). Each released version of the state schemas is kept
 * under {@code released/}; the current classes must read records written with every one
 * of them. Release a new version by copying {@code schemas/src/main/avro/state} there.
 */
class StateSchemaEvolutionTests {

	static final List<String> RELEASES = List.of("state-1");

	static List<Object[]> currentAndReleased() throws IOException {
		List<Schema> current = List.of(InboxHead.getClassSchema(), SentHead.getClassSchema(),
				RevisionSummary.getClassSchema(), IdempotentRequest.getClassSchema());
		List<Object[]> pairs = new ArrayList<>();
		for (String release : RELEASES) {
			Schema.Parser parser = new Schema.Parser();
			parser.addTypes(
					SchemaContractTests.namedTypes(List.of(Alert.getClassSchema(), Acknowledgement.getClassSchema())));
			for (String file : List.of("AddresseeState", "RevisionSummary", "InboxHead", "SentHead",
					"IdempotentRequest")) {
				try (InputStream text = StateSchemaEvolutionTests.class
					.getResourceAsStream("/released/" + release + "/" + file + ".avsc")) {
					parser.parse(text);
				}
			}
			for (Schema reader : current) {
				pairs.add(new Object[] { release, reader, parser.getTypes().get(reader.getFullName()) });
			}
		}
		return pairs;
	}

	@ParameterizedTest(name = "{1} reads what {0} wrote")
	@MethodSource("currentAndReleased")
	void theCurrentVersionReadsWhatEveryReleasedOneWrote(String release, Schema reader, Schema writer) {
		assertThat(writer).as("%s of %s", reader.getFullName(), release).isNotNull();
		assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType())
			.isEqualTo(SchemaCompatibilityType.COMPATIBLE);
	}

}
