package mekong.exchange.ops.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a node's Kafka Streams state from the names the exchange used until December 2026
 * ({@code mekong-VN-05-consumer}, which the prefix of a ministry node {@code VN} covered)
 * to {@link KafkaAccess#namePrefixOf its own prefix} ({@code mekong.VN.},
 * {@code mekong.VN-05.}): for each application of the node that committed under its old
 * name, it copies every changelog, partition by partition (keys, values, headers and
 * timestamps, committed records only), to the new name, gives the new group the old
 * group's offsets on the topics the application reads, then deletes the old changelogs
 * and group, which hold what the node received. The node's instances must be stopped: a
 * member in the old group stops the move. Run by the cluster's administrator before the
 * nodes start (the init step, the local stack); once moved, nothing matches and it does
 * nothing. A run that failed half-way is run again: it copies again from the start.
 */
public final class LegacyStreamsNames {

	private static final Logger log = LoggerFactory.getLogger(LegacyStreamsNames.class);

	private static final Duration COPY_PATIENCE = Duration.ofMinutes(10);

	private final Admin admin;

	private final Map<String, Object> clientSettings;

	/**
	 * @param admin a client of the cluster's administrator
	 * @param clientSettings the administrator's client settings, for the consumer and
	 * producer that copy the changelogs
	 */
	public LegacyStreamsNames(Admin admin, Map<String, Object> clientSettings) {
		this.admin = admin;
		this.clientSettings = clientSettings;
	}

	/**
	 * Moves the state of every application of {@code nodes} still under an old name.
	 * @return the old application ids it moved
	 */
	public List<String> move(Collection<NodeId> nodes) {
		try {
			List<String> groups = this.admin.listGroups(ListGroupsOptions.forConsumerGroups())
				.all()
				.get()
				.stream()
				.map(GroupListing::groupId)
				.toList();
			List<String> moved = new ArrayList<>();
			for (NodeId node : nodes) {
				// Sides are lower case, a node code upper case: mekong-VN-producer is
				// never VN-05's.
				Pattern legacy = Pattern.compile(Pattern.quote(KafkaAccess.legacyApplicationId(node, "")) + "([a-z]+)");
				for (String group : groups) {
					Matcher side = legacy.matcher(group);
					if (side.matches()) {
						moveApplication(group, KafkaAccess.namePrefixOf(node) + side.group(1));
						moved.add(group);
					}
				}
			}
			return moved;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not move the nodes' Kafka Streams state to its new names",
					ex.getCause());
		}
	}

	private void moveApplication(String from, String to) throws InterruptedException, ExecutionException {
		ConsumerGroupDescription group = this.admin.describeConsumerGroups(List.of(from)).all().get().get(from);
		if (!group.members().isEmpty()) {
			throw new IllegalStateException("Instances of " + from + " still run (" + group.members().size()
					+ " members): stop every instance of the node, then start this again");
		}
		String internal = from + "-";
		List<String> topics = this.admin.listTopics()
			.names()
			.get()
			.stream()
			.filter((topic) -> topic.startsWith(internal))
			.sorted()
			.toList();
		List<String> notChangelogs = topics.stream().filter((topic) -> !topic.endsWith("-changelog")).toList();
		if (!notChangelogs.isEmpty()) {
			throw new IllegalStateException("Only changelogs can be moved, not " + notChangelogs);
		}
		for (String changelog : topics) {
			long copied = copy(changelog, to + changelog.substring(from.length()));
			log.info("Copied {} records of {} to its new name under {}", copied, changelog, to);
		}
		Map<TopicPartition, OffsetAndMetadata> offsets = this.admin.listConsumerGroupOffsets(from)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>(offsets);
		read.keySet().removeIf((partition) -> partition.topic().startsWith(internal));
		if (!read.isEmpty()) {
			this.admin.alterConsumerGroupOffsets(to, read).all().get();
		}
		this.admin.deleteTopics(topics).all().get();
		this.admin.deleteConsumerGroups(List.of(from)).all().get();
		log.info("Moved {} to {}: {} changelogs, offsets on {} partitions; deleted the old changelogs and group", from,
				to, topics.size(), read.size());
	}

	private long copy(String source, String target) throws InterruptedException, ExecutionException {
		TopicDescription description = this.admin.describeTopics(List.of(source)).allTopicNames().get().get(source);
		List<TopicPartition> sourcePartitions = description.partitions()
			.stream()
			.map((partition) -> new TopicPartition(source, partition.partition()))
			.toList();
		if (this.admin.listTopics().names().get().contains(target)) {
			emptyLeftOfEarlierRun(target);
		}
		else {
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, source);
			Config config = this.admin.describeConfigs(List.of(resource)).all().get().get(resource);
			Map<String, String> overrides = config.entries()
				.stream()
				.filter((entry) -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
				.collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
			short replicas = (short) description.partitions().get(0).replicas().size();
			this.admin.createTopics(List.of(new NewTopic(target, sourcePartitions.size(), replicas).configs(overrides)))
				.all()
				.get();
		}
		Map<String, Object> consumerSettings = new HashMap<>(this.clientSettings);
		consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
		consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		Map<String, Object> producerSettings = new HashMap<>(this.clientSettings);
		producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
		producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		long copied = 0;
		AtomicReference<Exception> failed = new AtomicReference<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings,
						new ByteArraySerializer(), new ByteArraySerializer())) {
			consumer.assign(sourcePartitions);
			consumer.seekToBeginning(sourcePartitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(sourcePartitions);
			long deadline = System.nanoTime() + COPY_PATIENCE.toNanos();
			while (sourcePartitions.stream()
				.anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Copying " + source + " took longer than " + COPY_PATIENCE);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					producer.send(new ProducerRecord<>(target, record.partition(), record.timestamp(), record.key(),
							record.value(), record.headers()), (written, failure) -> {
								if (failure != null) {
									failed.compareAndSet(null, failure);
								}
							});
					copied++;
				}
			}
			producer.flush();
		}
		if (failed.get() != null) {
			throw new IllegalStateException("Could not copy " + source + " to " + target, failed.get());
		}
		return copied;
	}

	private void emptyLeftOfEarlierRun(String target) throws InterruptedException, ExecutionException {
		TopicDescription description = this.admin.describeTopics(List.of(target)).allTopicNames().get().get(target);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		description.partitions()
			.forEach((partition) -> latest.put(new TopicPartition(target, partition.partition()), OffsetSpec.latest()));
		Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
		this.admin.listOffsets(latest)
			.all()
			.get()
			.forEach((partition, end) -> everything.put(partition, RecordsToDelete.beforeOffset(end.offset())));
		this.admin.deleteRecords(everything).all().get();
	}

}
