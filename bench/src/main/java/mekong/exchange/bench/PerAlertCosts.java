package mekong.exchange.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What an alert through the hub costs, read from outside the nodes between two moments at
 * which nothing is on its way (before a run of the paced hub lane, and once all its
 * alerts arrived and the nodes' last writes settled), divided by the run's alerts:
 * <ul>
 * <li>records written, per topic: the count of the in-process broker's
 * {@code kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=*} meters
 * (JMX). They count every record appended to a partition's log, transaction markers
 * included (one per partition per transaction: the broker appends them like records), so
 * beside them the report gives the end offsets' growth (records, markers and aborted
 * records alike) and the {@code BytesInPerSec} meters (bytes appended);</li>
 * <li>bytes on disk: the brokers' log segments ({@code .log} files) and the rest of the
 * stack's data folder (mostly the nodes' state stores), which move in steps as segments
 * roll and RocksDB flushes;</li>
 * <li>state-store operations, if the nodes record Kafka Streams' store metrics (recording
 * level DEBUG): the {@code kafka_stream_state_*_rate} series of their Prometheus
 * endpoints at the end of the measured window, divided by the alerts delivered per second
 * in that window. Kafka Streams keeps only rates of store operations, no totals; the
 * changelog topics' records per alert give the writes to logged stores exactly.</li>
 * </ul>
 */
final class PerAlertCosts {

	private static final String MESSAGES_IN = "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=*";

	private static final String BYTES_IN = "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*";

	private static final String STORE_METRICS = "kafka_stream_state_";

	private static final String STORE_MBEANS = "kafka.streams:type=stream-state-metrics,*";

	/** What follows the application id in a stream thread's name. */
	private static final Pattern STREAM_THREAD = Pattern
		.compile("-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-StreamThread-[0-9]+$");

	private final StackClients stack;

	private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

	PerAlertCosts(StackClients stack) {
		this.stack = stack;
	}

	Snapshot snapshot() throws IOException, JMException, ExecutionException, InterruptedException {
		Map<String, Long> offsets = new HashMap<>();
		for (LocalKafkaBroker broker : this.stack.brokers()) {
			endOffsets(broker.adminSettings()).forEach((topic, end) -> offsets.merge(topic, end, Long::sum));
		}
		long logs = 0;
		long all = StackMachine.sizeOf(this.stack.data());
		long brokers = 0;
		for (Path folder : brokerFolders()) {
			logs += StackMachine.sizeOf(folder, ".log");
			brokers += StackMachine.sizeOf(folder);
		}
		return new Snapshot(meters(MESSAGES_IN), meters(BYTES_IN), offsets, logs, all - brokers);
	}

	/**
	 * The state-store operations per second {@code node}'s Kafka Streams applications
	 * report now, by operation ({@code put}, {@code get}, ...), from its Prometheus
	 * endpoint; empty if it shows none.
	 * @throws IOException if the endpoint does not answer (with recording level DEBUG,
	 * today's nodes answer 500: a Kafka Streams metric exported as a counter is negative)
	 */
	Map<String, Double> storeRates(NodeId node) throws IOException, InterruptedException {
		Map<String, Double> rates = new TreeMap<>();
		for (String line : this.stack.prometheus(node).split("\n")) {
			if (!line.startsWith(STORE_METRICS) || line.startsWith("#")) {
				continue;
			}
			int labels = line.indexOf('{');
			int value = line.lastIndexOf(' ');
			String name = line.substring(STORE_METRICS.length(), (labels > 0) ? labels : value);
			if (!name.endsWith("_rate") || name.contains("latency")) {
				continue;
			}
			double rate = Double.parseDouble(line.substring(value + 1));
			if (!Double.isNaN(rate)) {
				rates.merge(name.substring(0, name.length() - "_rate".length()), rate, Double::sum);
			}
		}
		return rates;
	}

	/**
	 * The state-store operations per second of every Kafka Streams application in this
	 * JVM (the nodes the stack runs), by application and operation, from Kafka Streams'
	 * own JMX metrics: what the Prometheus endpoints would show, read where they cannot
	 * be.
	 */
	Map<String, Map<String, Double>> storeRatesByJmx() throws JMException {
		Map<String, Map<String, Double>> rates = new TreeMap<>();
		for (ObjectName name : this.jmx.queryNames(new ObjectName(STORE_MBEANS), null)) {
			String thread = name.getKeyProperty("thread-id");
			String application = (thread != null) ? STREAM_THREAD.matcher(thread).replaceFirst("") : "?";
			for (MBeanAttributeInfo attribute : attributes(name)) {
				String metric = attribute.getName();
				if (!metric.endsWith("-rate") || metric.contains("latency")) {
					continue;
				}
				Object value = attribute(name, metric);
				if (value instanceof Number rate && !Double.isNaN(rate.doubleValue())) {
					rates.computeIfAbsent(application, (added) -> new TreeMap<>())
						.merge(metric.substring(0, metric.length() - "-rate".length()), rate.doubleValue(),
								Double::sum);
				}
			}
		}
		return rates;
	}

	/**
	 * The Kafka client and Kafka Streams metrics in this JVM that count something (their
	 * names end in {@code -total}) and are negative now: what makes a Prometheus endpoint
	 * refuse to answer.
	 */
	List<String> negativeTotals() throws JMException {
		List<String> negative = new ArrayList<>();
		for (ObjectName name : this.jmx.queryNames(null, null)) {
			if (!name.getDomain().startsWith("kafka.") || name.getDomain().equals("kafka.server")) {
				continue;
			}
			for (MBeanAttributeInfo attribute : attributes(name)) {
				if (attribute.getName().endsWith("-total")
						&& attribute(name, attribute.getName()) instanceof Number value && value.doubleValue() < 0) {
					negative.add(name + " " + attribute.getName() + " = " + value);
				}
			}
		}
		return negative;
	}

	/**
	 * The costs between two snapshots, per alert of the {@code alerts} sent between them.
	 */
	static Sample between(Snapshot before, Snapshot after, long alerts, Map<String, Map<String, Double>> storeRates,
			double deliveredPerSecond) {
		Set<String> topics = new TreeSet<>(after.messages().keySet());
		topics.addAll(after.offsets().keySet());
		List<TopicCost> costs = new ArrayList<>();
		for (String topic : topics) {
			long records = grown(before.messages(), after.messages(), topic);
			long offsets = grown(before.offsets(), after.offsets(), topic);
			long bytes = grown(before.bytes(), after.bytes(), topic);
			if (records != 0 || offsets != 0) {
				costs.add(new TopicCost(topic, records, offsets, bytes));
			}
		}
		Map<String, Map<String, Double>> perAlert = new TreeMap<>();
		storeRates.forEach((source, rates) -> {
			Map<String, Double> ops = new TreeMap<>();
			rates.forEach((op, rate) -> ops.put(op, rate / deliveredPerSecond));
			perAlert.put(source, ops);
		});
		return new Sample(alerts, costs, after.logBytes() - before.logBytes(), after.otherBytes() - before.otherBytes(),
				perAlert);
	}

	/** The attributes of an MBean, none if it just went. */
	private MBeanAttributeInfo[] attributes(ObjectName name) {
		try {
			return this.jmx.getMBeanInfo(name).getAttributes();
		}
		catch (JMException | RuntimeException gone) {
			return new MBeanAttributeInfo[0];
		}
	}

	/** An attribute's value, or null if it cannot be read now (its MBean just went). */
	private Object attribute(ObjectName name, String attribute) {
		try {
			return this.jmx.getAttribute(name, attribute);
		}
		catch (JMException | RuntimeException gone) {
			return null;
		}
	}

	private static long grown(Map<String, Long> before, Map<String, Long> after, String topic) {
		return after.getOrDefault(topic, 0L) - before.getOrDefault(topic, 0L);
	}

	private Map<String, Long> meters(String pattern) throws JMException {
		Map<String, Long> counts = new HashMap<>();
		for (ObjectName name : this.jmx.queryNames(new ObjectName(pattern), null)) {
			counts.merge(name.getKeyProperty("topic"), ((Number) this.jmx.getAttribute(name, "Count")).longValue(),
					Long::sum);
		}
		return counts;
	}

	private static Map<String, Long> endOffsets(Map<String, Object> adminSettings)
			throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(adminSettings)) {
			Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
				topic.partitions()
					.forEach((partition) -> latest.put(new TopicPartition(topic.name(), partition.partition()),
							OffsetSpec.latest()));
			}
			Map<String, Long> ends = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get()
				.forEach((partition, offset) -> ends.merge(partition.topic(), offset.offset(), Long::sum));
			return ends;
		}
	}

	/**
	 * The brokers' folders in the stack's data folder ({@code kafka}, {@code kafka-la}).
	 */
	private List<Path> brokerFolders() throws IOException {
		try (Stream<Path> folders = Files.list(this.stack.data())) {
			return folders
				.filter((folder) -> Files.isDirectory(folder) && folder.getFileName().toString().startsWith("kafka"))
				.toList();
		}
	}

	/** Counters at one moment: by topic, and bytes on disk. */
	record Snapshot(Map<String, Long> messages, Map<String, Long> bytes, Map<String, Long> offsets, long logBytes,
			long otherBytes) {
	}

	/**
	 * One topic's growth between two snapshots.
	 *
	 * @param records the broker's messages-in count (records and transaction markers)
	 * @param offsets the growth of its end offsets, summed over its partitions
	 * @param bytes the broker's bytes-in count
	 */
	record TopicCost(String topic, long records, long offsets, long bytes) {

		/** What the topic is to the exchange, for the report's subtotals. */
		String kind() {
			if (this.topic.startsWith("__")) {
				return "Kafka's internal topics (offsets, transactions)";
			}
			if (this.topic.endsWith("-changelog")) {
				return "state-store changelogs (writes to logged stores)";
			}
			if (this.topic.endsWith("-repartition")) {
				return "repartition topics";
			}
			if (this.topic.startsWith("exchange.")) {
				return "the exchange's topics";
			}
			return "other topics";
		}

	}

	/**
	 * The costs of one run of the paced hub lane.
	 *
	 * @param alerts the alerts of the run, warm-up included, by which the rest is divided
	 * @param storeOpsPerAlert state-store operations per alert delivered, by node or
	 * Kafka Streams application (as the source of the figures names it) and operation
	 * (empty without store metrics)
	 */
	record Sample(long alerts, List<TopicCost> topics, long logBytes, long otherBytes,
			Map<String, Map<String, Double>> storeOpsPerAlert) {

		double recordsPerAlert() {
			return this.topics.stream().mapToLong(TopicCost::records).sum() / (double) this.alerts;
		}

		double offsetsPerAlert() {
			return this.topics.stream().mapToLong(TopicCost::offsets).sum() / (double) this.alerts;
		}

		double bytesInPerAlert() {
			return this.topics.stream().mapToLong(TopicCost::bytes).sum() / (double) this.alerts;
		}

	}

}
