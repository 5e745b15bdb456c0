package mekong.exchange.ops.access;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.FreePorts;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ACL matrix on a real broker that authenticates with SASL/SCRAM and allows nothing
 * without an ACL: Son La and Houaphan have an agreement, so do Houaphan and Luang
 * Prabang; Banteay Meanchey and Vietnam's ministry ({@code VN}, whose code starts Son
 * La's) have none. Every node's principal tries to write and to read every topic of every
 * node; what the table below allows works, everything else is refused with
 * {@link TopicAuthorizationException}.
 */
class KafkaAccessIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(KafkaAccessIntegrationTests.class);

	static final List<String> NODES = List.of("VN-05", "LA-HO", "LA-LP", "KH-1", "VN");

	static final NodeId SON_LA = NodeId.of("VN-05");

	/** A changelog of Son La's consumer side, as Kafka Streams names it. */
	static final String SON_LA_CHANGELOG = KafkaAccess.namePrefixOf(SON_LA) + "consumer-inbox-content-changelog";

	/** Son La's consumer side's group, with offsets on its inbox. */
	static final String SON_LA_GROUP = KafkaAccess.namePrefixOf(SON_LA) + "consumer";

	static final List<List<NodeId>> AGREEMENTS = List.of(List.of(NodeId.of("VN-05"), NodeId.of("LA-HO")),
			List.of(NodeId.of("LA-HO"), NodeId.of("LA-LP")));

	static final List<String> OWN_WRITES = List.of("outbox", "desk-acks", "escalations", "audit", "access", "dlq");

	static final List<String> OWN_READS = List.of("outbox", "inbox", "acks", "desk-acks", "escalations", "audit",
			"access", "dlq");

	/**
	 * What each node may write: its own topics but its inbox and acks topic, and
	 * partners' inboxes and acks.
	 */
	static final Map<String, Set<String>> MAY_WRITE = Map.of("VN-05",
			topics(own("VN-05", OWN_WRITES), List.of("exchange.LA-HO.inbox", "exchange.LA-HO.acks")), "LA-HO",
			topics(own("LA-HO", OWN_WRITES),
					List.of("exchange.VN-05.inbox", "exchange.VN-05.acks", "exchange.LA-LP.inbox",
							"exchange.LA-LP.acks")),
			"LA-LP", topics(own("LA-LP", OWN_WRITES), List.of("exchange.LA-HO.inbox", "exchange.LA-HO.acks")), "KH-1",
			topics(own("KH-1", OWN_WRITES)), "VN", topics(own("VN", OWN_WRITES)));

	/** What each node may read: its own topics, nothing of anybody else. */
	static final Map<String, Set<String>> MAY_READ = Map.of("VN-05", topics(own("VN-05", OWN_READS)), "LA-HO",
			topics(own("LA-HO", OWN_READS)), "LA-LP", topics(own("LA-LP", OWN_READS)), "KH-1",
			topics(own("KH-1", OWN_READS)), "VN", topics(own("VN", OWN_READS)));

	/**
	 * What an operator may read: what tells how the exchange runs, no alert, and not who
	 * read which alert or searched for whom (the access topic).
	 */
	static final List<String> OPERATOR_READS = List.of("escalations", "audit", "dlq");

	@TempDir
	static Path data;

	static LocalKafkaBroker broker;

	static final Map<String, String> passwords = new HashMap<>();

	static final List<String> allTopics = new ArrayList<>();

	@BeforeAll
	static void startSecuredBroker() throws Exception {
		broker = LocalKafkaBroker.startSecured(data, FreePorts.next(), FreePorts.next());
		Map<NodeId, String> nodePasswords = new TreeMap<>();
		for (String node : NODES) {
			passwords.put(node, "password-of-" + node);
			nodePasswords.put(NodeId.of(node), passwords.get(node));
			Topics.ownedBy(NodeId.of(node)).forEach((topic) -> allTopics.add(topic.name()));
		}
		passwords.put("operator", "password-of-operator");
		try (Admin admin = Admin.create(broker.adminSettings())) {
			KafkaAccessGrant.grant(admin, nodePasswords, Map.of("operator", passwords.get("operator")), Map.of(),
					AGREEMENTS, new KafkaAccessGrant.TopicLayout(1, (short) 1, Duration.ofDays(1)));
			admin
				.createTopics(Stream.concat(allTopics.stream(), Stream.of(SON_LA_CHANGELOG))
					.map((topic) -> new NewTopic(topic, 1, (short) 1))
					.toList())
				.all()
				.get();
			admin
				.alterConsumerGroupOffsets(SON_LA_GROUP,
						Map.of(new TopicPartition(Topics.inbox(SON_LA).name(), 0), new OffsetAndMetadata(1)))
				.all()
				.get();
		}
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.adminSettings(),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (String topic : allTopics) {
				producer.send(new ProducerRecord<>(topic, "written-by-admin".getBytes(StandardCharsets.UTF_8))).get();
			}
			producer.send(new ProducerRecord<>(SON_LA_CHANGELOG, "received".getBytes(StandardCharsets.UTF_8))).get();
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void everyNodeWritesAndReadsExactlyWhatTheTableAllowsAndIsRefusedEverythingElse() {
		Map<String, Set<String>> wrote = new TreeMap<>();
		Map<String, Set<String>> read = new TreeMap<>();
		int refused = 0;
		for (String node : NODES) {
			wrote.put(node, new TreeSet<>());
			read.put(node, new TreeSet<>());
			try (KafkaProducer<byte[], byte[]> producer = producerAs(node, true);
					KafkaConsumer<byte[], byte[]> consumer = consumerAs(node)) {
				for (String topic : allTopics) {
					if (tryWrite(producer, topic)) {
						wrote.get(node).add(topic);
					}
					else {
						refused++;
					}
					if (tryRead(consumer, topic)) {
						read.get(node).add(topic);
					}
					else {
						refused++;
					}
				}
			}
		}
		log.info("ACL matrix: {} principals x {} topics x write and read = {} attempts, {} refused", NODES.size(),
				allTopics.size(), NODES.size() * allTopics.size() * 2, refused);

		assertThat(wrote).isEqualTo(MAY_WRITE);
		assertThat(read).isEqualTo(MAY_READ);
	}

	@Test
	void anOperatorReadsEscalationsAuditAndDeadLettersNoAlertAndWritesNothing() {
		Set<String> read = new TreeSet<>();
		try (KafkaProducer<byte[], byte[]> producer = producerAs("operator", false);
				KafkaConsumer<byte[], byte[]> consumer = consumerAs("operator")) {
			for (String topic : allTopics) {
				assertThat(tryWrite(producer, topic)).as("operator writes %s", topic).isFalse();
				if (tryRead(consumer, topic)) {
					read.add(topic);
				}
			}
			assertThat(tryRead(consumer, SON_LA_CHANGELOG)).as("operator reads Son La's changelog").isFalse();
		}
		assertThat(read)
			.isEqualTo(topics(NODES.stream().flatMap((node) -> own(node, OPERATOR_READS).stream()).toList()));
	}

	@Test
	void anOperatorSeesHowFarEachNodeIsBehind() throws Exception {
		try (Admin operator = Admin.create(broker.clientSettings("operator", passwords.get("operator")))) {
			TopicPartition inbox = new TopicPartition(Topics.inbox(SON_LA).name(), 0);
			assertThat(operator.listConsumerGroupOffsets(SON_LA_GROUP).partitionsToOffsetAndMetadata().get())
				.containsEntry(inbox, new OffsetAndMetadata(1));
			assertThat(operator.listOffsets(Map.of(inbox, OffsetSpec.latest())).partitionResult(inbox).get().offset())
				.isEqualTo(1);
			assertThat(operator.describeTopics(allTopics).allTopicNames().get()).hasSameSizeAs(allTopics);
		}
	}

	@Test
	void aNodeCannotUseAnotherNodesConsumerGroupsOrTransactionalIds() {
		assertCannotUseTheStreamsNamesOf(NodeId.of("LA-HO"), "VN-05");
	}

	/** Vietnam's ministry {@code VN}: its prefix {@code mekong.VN.} is not Son La's. */
	@Test
	void aMinistryCannotUseItsProvincesConsumerGroupsTransactionalIdsOrChangelogs() {
		assertCannotUseTheStreamsNamesOf(SON_LA, "VN");
		try (KafkaProducer<byte[], byte[]> producer = producerAs("VN", true);
				KafkaConsumer<byte[], byte[]> consumer = consumerAs("VN")) {
			assertThat(tryWrite(producer, SON_LA_CHANGELOG)).isFalse();
			assertThat(tryRead(consumer, SON_LA_CHANGELOG)).isFalse();
		}
		try (KafkaConsumer<byte[], byte[]> consumer = consumerAs("VN-05")) {
			assertThat(tryRead(consumer, SON_LA_CHANGELOG)).as("Son La reads its own changelog").isTrue();
		}
	}

	private static void assertCannotUseTheStreamsNamesOf(NodeId owner, String user) {
		String consumerSide = KafkaAccess.namePrefixOf(owner) + "consumer";
		Map<String, Object> settings = new HashMap<>(broker.clientSettings(user, passwords.get(user)));
		settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, consumerSide + "-5b1f-1");
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			assertThatExceptionOfType(TransactionalIdAuthorizationException.class)
				.isThrownBy(producer::initTransactions);
		}
		Map<String, Object> consumerSettings = new HashMap<>(broker.clientSettings(user, passwords.get(user)));
		consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, consumerSide);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.outbox(NodeId.of(user)).name()));
			assertThatExceptionOfType(GroupAuthorizationException.class)
				.isThrownBy(() -> consumer.poll(Duration.ofSeconds(5)));
		}
	}

	@Test
	void aNodeCanNeitherDeleteNorShortenItsOwnAuditTrail() {
		try (Admin admin = Admin.create(broker.clientSettings("VN-05", passwords.get("VN-05")))) {
			TopicPartition audit = new TopicPartition("exchange.VN-05.audit", 0);
			assertThat(causeOf(() -> admin.deleteRecords(Map.of(audit, RecordsToDelete.beforeOffset(1))).all().get()))
				.isInstanceOf(TopicAuthorizationException.class);
			assertThat(causeOf(() -> admin
				.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, audit.topic()),
						List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "1"),
								AlterConfigOp.OpType.SET))))
				.all()
				.get())).isInstanceOf(TopicAuthorizationException.class);
			assertThat(causeOf(() -> admin.deleteTopics(List.of(audit.topic())).all().get()))
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		Map<String, Object> settings = new HashMap<>(broker.clientSettings("VN-05", "not-the-password"));
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			assertThat(
					causeOf(() -> producer.send(new ProducerRecord<>("exchange.VN-05.outbox", new byte[] { 1 })).get()))
				.isInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void aClientWithoutTlsOrNotTrustingTheBrokersAuthorityCannotConnect() {
		Map<String, Object> tls = broker.clientSettings("VN-05", passwords.get("VN-05"));
		Map<String, Object> plaintext = new HashMap<>(tls);
		plaintext.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		plaintext.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
		plaintext.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
		Map<String, Object> untrusting = new HashMap<>(tls);
		untrusting.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
		untrusting.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
		assertThat(tls).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");

		Map<Map<String, Object>, Class<? extends Throwable>> refusals = Map.of(plaintext, TimeoutException.class,
				untrusting, SslAuthenticationException.class);
		refusals.forEach((settings, refusal) -> {
			settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
					new ByteArraySerializer())) {
				assertThat(causeOf(
						() -> producer.send(new ProducerRecord<>("exchange.VN-05.outbox", new byte[] { 1 })).get()))
					.isInstanceOf(refusal);
			}
		});
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(tls, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			assertThat(tryWrite(producer, "exchange.VN-05.outbox")).isTrue();
		}
	}

	private static boolean tryWrite(KafkaProducer<byte[], byte[]> producer, String topic) {
		try {
			producer.send(new ProducerRecord<>(topic, "acl-matrix".getBytes(StandardCharsets.UTF_8))).get();
			return true;
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).as("refusal to write %s", topic).isInstanceOf(TopicAuthorizationException.class);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the record {@link #startSecuredBroker} wrote to {@code topic}: true once it
	 * arrives, false if the broker refuses.
	 */
	private static boolean tryRead(KafkaConsumer<byte[], byte[]> consumer, String topic) {
		TopicPartition partition = new TopicPartition(topic, 0);
		consumer.assign(List.of(partition));
		consumer.seekToBeginning(List.of(partition));
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		try {
			while (System.nanoTime() < deadline) {
				if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
					return true;
				}
			}
		}
		catch (TopicAuthorizationException ex) {
			return false;
		}
		throw new AssertionError("Reading " + topic + " was neither refused nor answered within 20 s");
	}

	private static KafkaProducer<byte[], byte[]> producerAs(String user, boolean idempotent) {
		Map<String, Object> settings = new HashMap<>(broker.clientSettings(user, passwords.get(user)));
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static KafkaConsumer<byte[], byte[]> consumerAs(String user) {
		return new KafkaConsumer<>(broker.clientSettings(user, passwords.get(user)), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	private static Throwable causeOf(ThrowingCall call) {
		try {
			call.run();
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static List<String> own(String node, List<String> roles) {
		return roles.stream().map((role) -> "exchange." + node + "." + role).toList();
	}

	@SafeVarargs
	private static Set<String> topics(List<String>... lists) {
		return new TreeSet<>(Stream.of(lists).flatMap(List::stream).toList());
	}

	private interface ThrowingCall {

		void run() throws Exception;

	}

}
