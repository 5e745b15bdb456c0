package mekong.exchange.boot.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import mekong.exchange.core.registry.SchemaNotFoundException;
import mekong.exchange.core.registry.SchemaRegistryException;
import mekong.exchange.core.registry.SubjectNotFoundException;
import mekong.exchange.core.serde.UnknownSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTests {

	@Test
	void aPartnerThatHasNotRegisteredItsContractYetIsWaitedFor() {
		assertThat(DeadLetters.isPassing(new SerializationException("Could not find the schema id",
				new SubjectNotFoundException("Subject 'exchange.LA-HO.inbox-value' not found", 40401))))
			.isTrue();
		assertThat(DeadLetters.isPassing(new SerializationException("Could not find the schema id",
				new SchemaNotFoundException("Schema not found", 40403))))
			.isTrue();
	}

	@Test
	void aRecordFramedWithAnIdNobodyRegisteredIsADeadLetter() {
		SerializationException unknownId = new UnknownSchemaException("Schema id 77 is not in the registry",
				new SchemaNotFoundException("schema id 77 not found", 40403));
		assertThat(DeadLetters.isPassing(unknownId)).isFalse();
		assertThat(DeadLetters.reasonOf(unknownId)).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
	}

	@Test
	void aRegistryThatRefusesOrFailsIsWaitedFor() {
		assertThat(DeadLetters.isPassing(new SchemaRegistryException("Forbidden", 403))).isTrue();
		assertThat(DeadLetters.isPassing(new SchemaRegistryException("Internal error", 50001))).isTrue();
		assertThat(DeadLetters.isPassing(new SchemaRegistryException("Internal error", 500))).isTrue();
		assertThat(DeadLetters.isPassing(new SchemaRegistryException("Invalid schema", 42201))).isFalse();
		assertThat(DeadLetters.isPassing(new SchemaRegistryException("Incompatible", 409))).isFalse();
	}

	/**
	 * The README's table of dead-letter reasons, which operators read, names each reason
	 * a node gives, and no other.
	 */
	@Test
	void theReadmeExplainsEveryReasonAndNoOther() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String table = readme.substring(readme.indexOf("| reason | read from | means |"),
				readme.indexOf("Every dead letter is also logged at WARN"));
		List<String> explained = table.lines()
			.filter((row) -> row.startsWith("| `"))
			.flatMap((row) -> Pattern.compile("`([A-Z_]+)`").matcher(row.split("\\|")[1]).results())
			.map((name) -> name.group(1))
			.toList();
		assertThat(explained).containsExactlyInAnyOrder(
				Stream.of(DeadLetterReason.values()).map(DeadLetterReason::name).toArray(String[]::new));
	}

}
