package mekong.exchange.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import mekong.exchange.infra.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LocalKafkaBrokerIntegrationTests {

	@TempDir
	Path data;

	@Test
	void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
		int port = FreePorts.next();
		int controllerPort = FreePorts.next();
		try (LocalKafkaBroker broker = LocalKafkaBroker.start(this.data, port, controllerPort)) {
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("survivor", 1, (short) 1))).all().get();
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("survivor", "alert-1", "kept")).get();
			}
		}

		try (LocalKafkaBroker restarted = LocalKafkaBroker.start(this.data, port, controllerPort)) {
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers()))) {
				assertThat(admin.listTopics().names().get()).contains("survivor");
			}
			assertThat(readAll(restarted.bootstrapServers(), "survivor")).extracting(ConsumerRecord::value)
				.containsExactly("kept");
		}
	}

	@Test
	void refusesToCreateTopicsImplicitly() throws Exception {
		try (LocalKafkaBroker broker = LocalKafkaBroker.start(this.data, FreePorts.next(), FreePorts.next());
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
				KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
			consumer.partitionsFor("typo.topic", Duration.ofSeconds(5));
			assertThat(admin.listTopics().names().get()).doesNotContain("typo.topic");
		}
	}

	@Test
	void aSecuredBrokerKeepsItsSuperUsersAcrossARestartAndRefusesClientsThatDoNotLogIn() throws Exception {
		int port = FreePorts.next();
		int controllerPort = FreePorts.next();
		try (LocalKafkaBroker broker = LocalKafkaBroker.startSecured(this.data, port, controllerPort);
				Admin admin = Admin.create(broker.adminSettings())) {
			admin.createTopics(List.of(new NewTopic("guarded", 1, (short) 1))).all().get();
		}
		assertThat(Files.readString(this.data.resolve("super-users.properties"))).contains("admin=", "broker=");
		for (String secret : List.of("super-users.properties", "tls/broker.key", "tls/ca.key")) {
			assertThat(Files.getPosixFilePermissions(this.data.resolve(secret))).as(secret)
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		}
		String authority = Files.readString(this.data.resolve("tls/ca.crt"));
		assertThat(authority).startsWith("-----BEGIN CERTIFICATE-----");

		try (LocalKafkaBroker restarted = LocalKafkaBroker.startSecured(this.data, port, controllerPort)) {
			assertThat(restarted.certificateAuthority()).content().isEqualTo(authority);
			try (Admin admin = Admin.create(restarted.adminSettings())) {
				assertThat(admin.listTopics().names().get()).contains("guarded");
			}
			try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					restarted.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> anonymous.listTopics().names().get());
			}
		}
	}

	@Test
	void refusesToSecureTheDataOfABrokerThatHadNoAuthentication() {
		int port = FreePorts.next();
		int controllerPort = FreePorts.next();
		LocalKafkaBroker.start(this.data, port, controllerPort).close();

		assertThatIllegalStateException()
			.isThrownBy(() -> LocalKafkaBroker.startSecured(this.data, port, controllerPort))
			.withMessageContaining("without authentication");
	}

	private static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
		try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(Set.of(partition));
			consumer.seekToBeginning(Set.of(partition));
			return consumer.poll(Duration.ofSeconds(10)).records(partition);
		}
	}

	private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
				new StringDeserializer(), new StringDeserializer());
	}

}
