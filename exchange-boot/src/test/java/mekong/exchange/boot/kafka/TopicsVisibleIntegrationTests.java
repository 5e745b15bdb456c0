package mekong.exchange.boot.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** On a real broker: start-up waits for topics created a moment before, not longer. */
class TopicsVisibleIntegrationTests {

	@TempDir
	static Path data;

	static LocalKafkaBroker broker;

	static Map<String, Object> admin;

	@BeforeAll
	static void startBroker() {
		broker = LocalKafkaBroker.start(data, FreePorts.next(), FreePorts.next());
		admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void goesOnOnceTopicsJustCreatedAreVisible() throws Exception {
		List<String> topics = List.of("exchange.VN-05.outbox", "exchange.VN-05.acks");
		try (Admin client = Admin.create(admin)) {
			client.createTopics(topics.stream().map((topic) -> new NewTopic(topic, 1, (short) 1)).toList()).all().get();
		}
		TopicsVisible visible = new TopicsVisible(admin, topics, Duration.ofSeconds(30));

		visible.start();

		assertThat(visible.isRunning()).isTrue();
	}

	@Test
	void stopsTheStartWithTheTopicsNamedWhenTheyNeverAppear() {
		TopicsVisible visible = new TopicsVisible(admin, List.of("exchange.XX-99.outbox"), Duration.ofSeconds(1));

		assertThatIllegalStateException().isThrownBy(visible::start)
			.withMessageContaining("exchange.XX-99.outbox")
			.withMessageContaining("not visible within 1 s");
		assertThat(visible.isRunning()).isFalse();
	}

}
