package mekong.exchange.core.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.testing.FreePorts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Against a real registry (Apicurio through its Confluent-compatible API). */
class HttpSchemaRegistryClientIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	final SchemaRegistryClient client = new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), TIMEOUT);

	@Test
	void givesTheSameIdToTheSameSchemaRegisteredAgainOrUnderAnotherSubject() {
		int first = this.client.register("exchange.VN-05.outbox-value", Alert.getClassSchema());
		int again = new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), TIMEOUT)
			.register("exchange.VN-05.outbox-value", Alert.getClassSchema());
		int otherSubject = this.client.register("exchange.LA-HO.inbox-value", Alert.getClassSchema());

		assertThat(again).isEqualTo(first);
		assertThat(otherSubject).isEqualTo(first);
		assertThat(this.client.idOf("exchange.LA-HO.inbox-value", Alert.getClassSchema())).isEqualTo(first);
	}

	/**
	 * Records naming an id the registry does not know (garbage, or another registry's)
	 * cost one lookup, not one each; a known id is looked up once too.
	 */
	@Test
	void asksTheRegistryOnceAboutAnIdItDoesNotKnowAndOnceAboutOneItKnows() {
		int known = this.client.register("exchange.VN-05.outbox-value", Alert.getClassSchema());
		HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), TIMEOUT);

		for (int record = 0; record < 1_000; record++) {
			assertThatExceptionOfType(SchemaNotFoundException.class).isThrownBy(() -> fresh.schemaById(987_654_321))
				.withMessageContaining("987654321");
			assertThat(fresh.schemaById(known)).isEqualTo(Alert.getClassSchema());
		}

		assertThat(fresh.requestsSent()).isEqualTo(2);
	}

	/**
	 * The two sides of a node start together on a new registry and register the same
	 * schemas under the same subjects at the same moment: both get the id, neither is
	 * refused (the registry refuses the second creation of a subject with 409).
	 */
	@Test
	void givesBothTheSameIdWhenTwoProcessesRegisterTheSameSchemaUnderANewSubjectAtOnce() throws Exception {
		for (int round = 0; round < 20; round++) {
			String subject = "probe-concurrent-" + round + "-value";
			List<Integer> ids = byTwoProcessesAtOnce((process) -> process.register(subject, Alert.getClassSchema()));
			assertThat(ids.get(0)).as(subject).isEqualTo(ids.get(1));
		}
	}

	/**
	 * Then both set the subject's compatibility at the same moment: the registry refuses
	 * the second creation of the rule with 409, and the level is set anyway.
	 */
	@Test
	void setsTheCompatibilityWhenTwoProcessesSetItOnANewSubjectAtOnce() throws Exception {
		for (int round = 0; round < 20; round++) {
			String subject = "probe-concurrent-rule-" + round + "-value";
			this.client.register(subject, Alert.getClassSchema());
			byTwoProcessesAtOnce((process) -> {
				process.setCompatibility(subject, "FORWARD");
				return null;
			});
			assertThat(this.client.compatibility(subject)).as(subject).isEqualTo("FORWARD");
		}
	}

	/**
	 * What {@code call} answers when two processes, each with a client of its own, make
	 * it at the same moment; a failure of either fails the test.
	 */
	private static <T> List<T> byTwoProcessesAtOnce(Function<SchemaRegistryClient, T> call) throws Exception {
		ExecutorService processes = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch ready = new CountDownLatch(2);
			List<Future<T>> answers = new ArrayList<>();
			for (int process = 0; process < 2; process++) {
				SchemaRegistryClient client = new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), TIMEOUT);
				answers.add(processes.submit(() -> {
					ready.countDown();
					ready.await();
					return call.apply(client);
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> answer : answers) {
				results.add(answer.get());
			}
			return results;
		}
		finally {
			processes.shutdownNow();
		}
	}

	@Test
	void fetchesTheSchemaOfAnIdAndTheLatestVersionOfASubject() {
		int id = this.client.register("exchange.VN-05.acks-value", Acknowledgement.getClassSchema());
		HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), TIMEOUT);

		assertThat(fresh.schemaById(id)).isEqualTo(Acknowledgement.getClassSchema());
		RegisteredSchema latest = fresh.latest("exchange.VN-05.acks-value");
		assertThat(latest.id()).isEqualTo(id);
		assertThat(latest.version()).isEqualTo(1);
		assertThat(latest.schema()).isEqualTo(Acknowledgement.getClassSchema());
	}

	@Test
	void reportsAnUnknownIdAsSchemaNotFound() {
		assertThatExceptionOfType(SchemaNotFoundException.class).isThrownBy(() -> this.client.schemaById(987_654))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(40403))
			.withMessageContaining("schema id 987654 not found");
	}

	@Test
	void reportsAnUnknownSubjectNamingIt() {
		assertThatExceptionOfType(SubjectNotFoundException.class)
			.isThrownBy(() -> this.client.latest("exchange.XX-99.inbox-value"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(40401))
			.withMessageContaining("subject exchange.XX-99.inbox-value not found");
	}

	@Test
	void givesTheSameIdToTheSameSchemaWrittenWithOtherWhitespaceAndAttributeOrder() {
		Schema compact = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Sighting\","
				+ "\"namespace\":\"mekong.test\",\"fields\":[{\"name\":\"place\",\"type\":\"string\"}]}");
		Schema spread = new Schema.Parser().parse("""
				{
				  "fields": [ { "type": "string", "name": "place" } ],
				  "namespace": "mekong.test",
				  "name": "Sighting",
				  "type": "record"
				}
				""");

		assertThat(this.client.register("probe-sighting-value", spread))
			.isEqualTo(new HttpSchemaRegistryClient(SharedSchemaRegistry.url(), TIMEOUT)
				.register("probe-sighting-value", compact));
	}

	@Test
	void reportsAnUnknownVersionNamingSubjectAndVersion() {
		this.client.register("probe-versions-value", Acknowledgement.getClassSchema());

		assertThatExceptionOfType(VersionNotFoundException.class)
			.isThrownBy(() -> this.client.version("probe-versions-value", 7))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(40402))
			.withMessageContaining("version 7 of subject probe-versions-value not found");
		assertThat(this.client.version("probe-versions-value", 1).schema()).isEqualTo(Acknowledgement.getClassSchema());
	}

	@Test
	void reportsASchemaTheRegistryFindsInvalid() {
		Schema badDefault = new Schema.Parser().setValidateDefaults(false)
			.parse("{\"type\":\"record\",\"name\":\"Bad\",\"namespace\":\"mekong.test\","
					+ "\"fields\":[{\"name\":\"count\",\"type\":\"int\",\"default\":\"many\"}]}");

		assertThatExceptionOfType(InvalidSchemaException.class)
			.isThrownBy(() -> this.client.register("probe-invalid-value", badDefault))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(42201))
			.withMessageContaining("probe-invalid-value");
	}

	@Test
	void appliesACompatibilityLevelSetForOneSubjectInsteadOfTheGlobalOne() {
		Schema v1 = SchemaBuilder.record("Count").namespace("mekong.test").fields().requiredInt("value").endRecord();
		Schema widened = SchemaBuilder.record("Count")
			.namespace("mekong.test")
			.fields()
			.requiredLong("value")
			.endRecord();
		this.client.register("probe-backward-value", v1);
		this.client.register("probe-forward-value", v1);
		this.client.setCompatibility("probe-forward-value", "FORWARD");

		assertThat(this.client.compatibility(null)).isEqualTo("BACKWARD");
		assertThat(this.client.compatibility("probe-forward-value")).isEqualTo("FORWARD");
		// int to long: new readers read old data (BACKWARD), old readers cannot read new
		// data (FORWARD)
		assertThat(this.client.register("probe-backward-value", widened)).isPositive();
		assertThatExceptionOfType(IncompatibleSchemaException.class)
			.isThrownBy(() -> this.client.register("probe-forward-value", widened))
			.withMessageContaining("incompatible with the earlier versions of subject probe-forward-value");
	}

	@Test
	void refusesABackwardIncompatibleChange() {
		Schema v1 = SchemaBuilder.record("Probe").namespace("mekong.test").fields().requiredInt("count").endRecord();
		Schema breaking = SchemaBuilder.record("Probe")
			.namespace("mekong.test")
			.fields()
			.requiredString("count")
			.endRecord();
		this.client.register("probe-incompatible-value", v1);

		assertThatExceptionOfType(IncompatibleSchemaException.class)
			.isThrownBy(() -> this.client.register("probe-incompatible-value", breaking))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(409))
			.withMessageContaining("probe-incompatible-value");
	}

	@Test
	void keepsIdsAcrossARestartOfTheRegistry(@TempDir Path data) {
		int port = FreePorts.next();
		int idBefore;
		try (ApicurioRegistry registry = ApicurioRegistry.start(data, port, Duration.ofSeconds(90))) {
			idBefore = new HttpSchemaRegistryClient(registry.confluentApiUrl(), TIMEOUT)
				.register("exchange.LA-HO.inbox-value", Alert.getClassSchema());
		}
		try (ApicurioRegistry restarted = ApicurioRegistry.start(data, port, Duration.ofSeconds(90))) {
			HttpSchemaRegistryClient afterRestart = new HttpSchemaRegistryClient(restarted.confluentApiUrl(), TIMEOUT);
			assertThat(afterRestart.schemaById(idBefore)).isEqualTo(Alert.getClassSchema());
			assertThat(afterRestart.register("exchange.LA-HO.inbox-value", Alert.getClassSchema())).isEqualTo(idBefore);
		}
	}

}
