package mekong.exchange.core.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the client behaves when a registry fails, against an HTTP server that answers what
 * each test scripts: a real registry cannot be made to fail on cue.
 */
class HttpSchemaRegistryClientRetryTests {

	final Deque<Answer> script = new ArrayDeque<>();

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	HttpServer server;

	record Answer(int status, String body) {
	}

	HttpSchemaRegistryClient clientOf(String userInfo, int maxRetries) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			Answer answer = this.script.isEmpty() ? new Answer(500, "{}") : this.script.pop();
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		return new HttpSchemaRegistryClient(
				new RegistryClientSettings("http://127.0.0.1:" + this.server.getAddress().getPort(), userInfo,
						Duration.ofSeconds(2), maxRetries, Duration.ofMillis(10), Duration.ofMillis(40), 100));
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void retriesAfterServerErrorsUntilTheRegistryAnswers() throws IOException {
		HttpSchemaRegistryClient client = clientOf(null, 3);
		this.script.add(new Answer(503, "{\"error_code\":50301,\"message\":\"not ready\"}"));
		this.script.add(new Answer(500, "{\"error_code\":50001,\"message\":\"store busy\"}"));
		this.script.add(new Answer(200, "{\"id\":42}"));

		assertThat(client.register("exchange.VN-05.acks-value", Acknowledgement.getClassSchema())).isEqualTo(42);
		assertThat(this.authorizations).hasSize(3);
	}

	@Test
	void neverRetriesAClientError() throws IOException {
		HttpSchemaRegistryClient client = clientOf(null, 3);
		this.script.add(new Answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));

		assertThatExceptionOfType(SchemaNotFoundException.class).isThrownBy(() -> client.schemaById(9))
			.withMessageContaining("schema id 9 not found");
		assertThat(this.authorizations).hasSize(1);
	}

	@Test
	void givesUpAfterTheLastRetryWithTheRegistrysAnswer() throws IOException {
		HttpSchemaRegistryClient client = clientOf(null, 2);

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> client.latest("exchange.LA-HO.inbox-value"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(500))
			.withMessageContaining("fetch the latest version of subject exchange.LA-HO.inbox-value");
		assertThat(this.authorizations).hasSize(3);
	}

	@Test
	void retriesARegistryThatDoesNotAnswerAndSaysSo() {
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(
				new RegistryClientSettings("http://127.0.0.1:" + FreePorts.next(), null, Duration.ofSeconds(1), 2,
						Duration.ofMillis(10), Duration.ofMillis(20), 100));

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client.schemaById(1))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(-1))
			.withMessageContaining("did not answer after 3 tries");
	}

	@Test
	void sendsBasicCredentialsWithEveryCall() throws IOException {
		HttpSchemaRegistryClient client = clientOf("vn05-node:s3cret", 0);
		this.script.add(new Answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}"));

		assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
		assertThat(this.authorizations).containsExactly("Basic dm4wNS1ub2RlOnMzY3JldA==");
	}

	@Test
	void takesItsCredentialsFromConfluentsConfigurationKeysInTheSerde() throws IOException {
		clientOf(null, 0);
		this.script.add(new Answer(200, "{\"id\":7}"));
		try (AvroWireSerializer serializer = new AvroWireSerializer()) {
			serializer.configure(
					Map.of("schema.registry.url", "http://127.0.0.1:" + this.server.getAddress().getPort(),
							"basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "vn05-node:s3cret"),
					false);

			byte[] framed = serializer.serialize("exchange.VN-05.outbox",
					Alerts.suspectsFromSonLa(UUID.randomUUID()).build());

			assertThat(framed).startsWith(0, 0, 0, 0, 7);
		}
		assertThat(this.authorizations).containsExactly("Basic dm4wNS1ub2RlOnMzY3JldA==");
	}

	@Test
	void keepsNoMoreEntriesThanItsCapacity() {
		BoundedCache<Integer, String> cache = new BoundedCache<>(3);
		for (int i = 0; i < 10; i++) {
			cache.put(i, "schema " + i);
		}
		assertThat(cache.size()).isEqualTo(3);
		assertThat(cache.get(9)).isEqualTo("schema 9");
	}

}
