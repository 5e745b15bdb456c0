package mekong.exchange.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows Kafka and the schema registry: a node cut off from either is not
 * ready, and is ready again without a restart once they are back. Liveness does not
 * change: there is nothing a restart would fix. While Kafka is away, stream threads that
 * time out fail too, and readiness waits for a quiet minute after the last failure.
 */
class HealthIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	static final Duration STREAM_THREADS_QUIET_AND_PATIENCE = Duration.ofSeconds(150);

	@TempDir
	Path data;

	@Test
	void readinessGoesDownWithKafkaOrTheRegistryAndComesBackWithThem() {
		int kafkaPort = FreePorts.next();
		int controllerPort = FreePorts.next();
		int registryPort = FreePorts.next();
		LocalKafkaBroker broker = LocalKafkaBroker.start(this.data.resolve("kafka"), kafkaPort, controllerPort);
		ApicurioRegistry registry = ApicurioRegistry.start(this.data.resolve("registry"), registryPort,
				Duration.ofSeconds(90));
		try (ConfigurableApplicationContext sonLa = NodeApplication.application()
			.run(Stream.concat(
					Stream.of("--mekong.node.id=VN-05", "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
							"--mekong.registry.url=" + registry.confluentApiUrl(), "--server.port=0",
							"--management.server.port=0", "--mekong.streams.state-dir=" + this.data.resolve("streams")),
					Stream.concat(TestKeys.arguments("VN-05").stream(), TestTokens.nodeArguments().stream()))
				.toArray(String[]::new))) {
			DeskClient management = DeskClient.withBearer(
					"http://localhost:" + sonLa.getEnvironment().getProperty("local.management.port"),
					TestTokens.deskToken("desk.vn05"));
			await().atMost(PATIENCE).until(() -> ready(management));

			broker.close();
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(downComponentsOf(management)).contains("kafka")
					.doesNotContain("schemaRegistry"));
			assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);

			broker = LocalKafkaBroker.start(this.data.resolve("kafka"), kafkaPort, controllerPort);
			await().atMost(STREAM_THREADS_QUIET_AND_PATIENCE).until(() -> ready(management));

			registry.close();
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(downComponentsOf(management)).containsExactly("schemaRegistry"));

			registry = ApicurioRegistry.start(this.data.resolve("registry"), registryPort, Duration.ofSeconds(90));
			await().atMost(PATIENCE).until(() -> ready(management));
		}
		finally {
			registry.close();
			broker.close();
		}
	}

	static boolean ready(DeskClient management) {
		return management.get("/actuator/health/readiness").status() == 200;
	}

	/** The readiness components that are down, while readiness answers 503. */
	static List<String> downComponentsOf(DeskClient management) {
		DeskClient.Answer answer = management.get("/actuator/health/readiness");
		assertThat(answer.status()).isEqualTo(503);
		Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) answer.json()
			.get("components");
		return components.entrySet()
			.stream()
			.filter((component) -> "DOWN".equals(component.getValue().get("status")))
			.map(Map.Entry::getKey)
			.toList();
	}

}
