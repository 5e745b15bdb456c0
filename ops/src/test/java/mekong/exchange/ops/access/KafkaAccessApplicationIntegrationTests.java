package mekong.exchange.ops.access;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.CommittedRecords;
import mekong.exchange.testing.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The init step of a cluster, run as compose runs it (settings from its properties) on a
 * real broker that authorizes with ACLs.
 */
class KafkaAccessApplicationIntegrationTests {

	@TempDir
	static Path data;

	static LocalKafkaBroker broker;

	@BeforeAll
	static void startSecuredBroker() {
		broker = LocalKafkaBroker.startSecured(data, FreePorts.next(), FreePorts.next());
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void grantsEachNodeTheAclsOfItsAgreementsAndChangesNothingTheSecondTime() throws Exception {
		List<String> settings = settings("VN-05", "password-of-son-la-1");
		run(settings);
		List<AclBinding> granted = acls();
		assertThat(granted).containsExactlyInAnyOrderElementsOf(expected());

		run(settings);
		assertThat(acls()).containsExactlyInAnyOrderElementsOf(granted);
	}

	@Test
	void refusesAPlaceholderPasswordBeforeItTouchesTheCluster() {
		assertThatException().isThrownBy(() -> run(settings("VN-05", "REPLACE-ME")))
			.withStackTraceContaining("mekong.kafka-access.nodes[0].password")
			.withStackTraceContaining("at least 16 characters");
	}

	@Test
	void revokesWhatAnEarlierVersionGrantedItsPrincipals() throws Exception {
		AclBinding oldPrefix = new AclBinding(
				new ResourcePattern(ResourceType.GROUP, "mekong-VN-05-", PatternType.PREFIXED),
				new AccessControlEntry("User:VN-05", "*", AclOperation.READ, AclPermissionType.ALLOW));
		AclBinding somebodyElses = new AclBinding(
				new ResourcePattern(ResourceType.TOPIC, "audit-archive", PatternType.LITERAL),
				new AccessControlEntry("User:archivist", "*", AclOperation.READ, AclPermissionType.ALLOW));
		try (Admin admin = Admin.create(broker.adminSettings())) {
			admin.createAcls(List.of(oldPrefix, somebodyElses)).all().get();
		}

		run(settings("VN-05", "password-of-son-la-1"));

		assertThat(acls()).doesNotContain(oldPrefix).contains(somebodyElses);
		assertThat(acls()).filteredOn((acl) -> !acl.equals(somebodyElses))
			.containsExactlyInAnyOrderElementsOf(expected());
		try (Admin admin = Admin.create(broker.adminSettings())) {
			admin.deleteAcls(List.of(somebodyElses.toFilter())).all().get();
		}
	}

	/**
	 * A node that ran before December 2026 kept its Kafka Streams state under
	 * {@code mekong-VN-05-consumer}: the init step moves it to
	 * {@code mekong.VN-05.consumer}, so that the node finds what it received and where it
	 * stopped reading.
	 */
	@Test
	void movesANodesKafkaStreamsStateFromItsOldNames() throws Exception {
		String oldChangelog = "mekong-VN-05-consumer-inbox-content-changelog";
		String newChangelog = "mekong.VN-05.consumer-inbox-content-changelog";
		TopicPartition inbox = new TopicPartition("exchange.VN-05.inbox", 1);
		Map<String, String> changelogSettings = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete",
				TopicConfig.RETENTION_MS_CONFIG, "31536000000");
		try (Admin admin = Admin.create(broker.adminSettings())) {
			admin.createTopics(List.of(new NewTopic(oldChangelog, 2, (short) 1).configs(changelogSettings),
					new NewTopic(inbox.topic(), 2, (short) 1)))
				.all()
				.get();
			admin
				.alterConsumerGroupOffsets("mekong-VN-05-consumer", Map.of(inbox, new OffsetAndMetadata(7),
						new TopicPartition(oldChangelog, 0), new OffsetAndMetadata(2)))
				.all()
				.get();
		}
		List<ProducerRecord<byte[], byte[]>> state = List.of(
				new ProducerRecord<>(oldChangelog, 0, 1_700_000_000_000L, bytes("alert-1"), bytes("content-1"),
						List.of(new RecordHeader("v", bytes("1")))),
				new ProducerRecord<>(oldChangelog, 1, 1_700_000_001_000L, bytes("alert-2"), bytes("content-2")),
				new ProducerRecord<>(oldChangelog, 1, 1_700_000_002_000L, bytes("alert-3"), (byte[]) null));
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.adminSettings(),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (ProducerRecord<byte[], byte[]> record : state) {
				producer.send(record).get();
			}
		}

		run(settings("VN-05", "password-of-son-la-1"));

		assertThat(readAll(newChangelog)).extracting(KafkaAccessApplicationIntegrationTests::describe)
			.containsExactlyInAnyOrder("0 1700000000000 alert-1=content-1 [v=1]",
					"1 1700000001000 alert-2=content-2 []", "1 1700000002000 alert-3=null []");
		try (Admin admin = Admin.create(broker.adminSettings())) {
			assertThat(admin.listConsumerGroupOffsets("mekong.VN-05.consumer").partitionsToOffsetAndMetadata().get())
				.isEqualTo(Map.of(inbox, new OffsetAndMetadata(7)));
			assertThat(admin.listTopics().names().get()).contains(newChangelog).doesNotContain(oldChangelog);
			assertThat(admin.listGroups().all().get()).extracting((group) -> group.groupId())
				.doesNotContain("mekong-VN-05-consumer");
			ConfigResource copy = new ConfigResource(ConfigResource.Type.TOPIC, newChangelog);
			assertThat(admin.describeConfigs(List.of(copy))
				.all()
				.get()
				.get(copy)
				.get(TopicConfig.RETENTION_MS_CONFIG)
				.value()).isEqualTo("31536000000");
		}

		run(settings("VN-05", "password-of-son-la-1"));
		assertThat(readAll(newChangelog)).as("a second run moves nothing").hasSize(3);
	}

	@Test
	void refusesToMoveTheStateOfANodeThatStillRuns() throws Exception {
		String group = "mekong-LA-HO-producer";
		Map<String, Object> member = new HashMap<>(broker.adminSettings());
		member.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		member.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (Admin admin = Admin.create(broker.adminSettings())) {
			admin.createTopics(List.of(new NewTopic("exchange.LA-HO.outbox", 1, (short) 1))).all().get();
		}
		try (KafkaConsumer<byte[], byte[]> running = new KafkaConsumer<>(member, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			running.subscribe(List.of("exchange.LA-HO.outbox"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				running.poll(Duration.ofMillis(100));
				return !running.assignment().isEmpty();
			});
			assertThatException().isThrownBy(() -> run(settings("VN-05", "password-of-son-la-1")))
				.withStackTraceContaining("Instances of mekong-LA-HO-producer still run");
		}
	}

	private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
		return CommittedRecords.of(broker.adminSettings(), topic, new ByteArrayDeserializer());
	}

	private static String describe(ConsumerRecord<byte[], byte[]> record) {
		StringBuilder headers = new StringBuilder();
		record.headers().forEach((header) -> headers.append(header.key()).append('=').append(text(header.value())));
		return record.partition() + " " + record.timestamp() + " " + text(record.key()) + "=" + text(record.value())
				+ " [" + headers + "]";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "null";
	}

	private static List<AclBinding> expected() {
		List<AclBinding> expected = new ArrayList<>(
				KafkaAccess.ofNode(NodeId.of("VN-05"), List.of(NodeId.of("LA-HO"))));
		expected.addAll(KafkaAccess.ofNode(NodeId.of("LA-HO"), List.of(NodeId.of("VN-05"))));
		expected.addAll(KafkaAccess.ofOperator("operator", List.of(NodeId.of("VN-05"), NodeId.of("LA-HO"))));
		return expected;
	}

	private static List<String> settings(String firstNode, String itsPassword) {
		List<String> settings = new ArrayList<>(List.of("mekong.kafka-access.nodes[0].node=" + firstNode,
				"mekong.kafka-access.nodes[0].password=" + itsPassword, "mekong.kafka-access.nodes[1].node=LA-HO",
				"mekong.kafka-access.nodes[1].password=password-of-houaphan-1",
				"mekong.kafka-access.operators[0].username=operator",
				"mekong.kafka-access.operators[0].password=password-of-operator-1",
				"mekong.routing.agreements[0].id=VN-05~LA-HO/2023", "mekong.routing.agreements[0].parties=VN-05,LA-HO",
				"mekong.routing.agreements[0].valid-from=2023-01-01"));
		broker.adminSettings().forEach((name, value) -> settings.add("spring.kafka.properties." + name + "=" + value));
		return settings;
	}

	private static void run(Collection<String> settings) {
		new SpringApplicationBuilder(KafkaAccessApplication.class).web(WebApplicationType.NONE)
			.properties(settings.toArray(String[]::new))
			.run()
			.close();
	}

	private static List<AclBinding> acls() throws Exception {
		try (Admin admin = Admin.create(broker.adminSettings())) {
			return List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get());
		}
	}

}
