package mekong.exchange.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.consumer.inbox.InboxEntry;
import mekong.exchange.consumer.inbox.InboxQueries;
import mekong.exchange.consumer.inbox.InboxWatchers;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.stack.LocalStack;
import mekong.exchange.stack.StackPorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The hub against raw Kafka, in one run, on one broker: the local stack (its SASL/SCRAM
 * broker, its registry, Son La and Houaphan as they run for the desks) started in this
 * process, and next to it a plain producer and consumer of the same records with the same
 * producer settings (acks=all, idempotence). Alerts go into Son La's outbox as its desk
 * gateway writes them (signed, Avro in Confluent's wire format); the hub's latency ends
 * when Houaphan's inbox shows the alert (its receiver's transaction committed and read
 * back), and when Son La's acks topic holds the RECEIVED acknowledgement. Then Houaphan's
 * receiver is stopped while a backlog is routed to its inbox, and started again.
 * <p>
 * With {@code --border} the stack runs one cluster per country: the hub's alerts cross
 * the border through the Lao MirrorMaker, their RECEIVED comes back through the
 * Vietnamese one, and the backlog builds up while the Lao MirrorMaker is stopped (raw
 * Kafka and the floor stay on the Vietnamese cluster).
 *
 * <p>
 * Run with {@code ./mvnw -q -pl bench exec:exec@end-to-end} (or
 * {@code @end-to-end-border}) after installing the project (BENCHMARKS.md); the report
 * goes to the log and to {@code bench/results}.
 */
public final class EndToEndBench {

	private static final Logger log = LoggerFactory.getLogger(EndToEndBench.class);

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	/** Houaphan's country, whose MirrorMaker carries its alerts across the border. */
	static final String LAOS = HOUAPHAN.country();

	static final String RAW_TOPIC = "bench.raw";

	/**
	 * What a run measures: raw Kafka, the Kafka floor of the hub's topology, or the hub.
	 */
	enum Lane {

		RAW, FLOOR, HUB

	}

	/** LA-HO's consumer side: its Kafka Streams application, receiver included. */
	static final String RECEIVER = "&consumerStreams";

	/** Kafka's client metrics write the dots of a topic name as underscores. */
	static final String INBOX_METRIC_TOPIC = Topics.inbox(HOUAPHAN).name().replace('.', '_');

	static final Duration PATIENCE = Duration.ofMinutes(40);

	static final int WARM_UP = 2_000;

	static final int PACED_WARM_UP_SECONDS = 15;

	/** Where arrivals go while no run measures them. */
	static final Consumer<UUID> NOT_MEASURED = (alertId) -> {
	};

	/** One revision in this many alerts of the backlog gets two updates. */
	static final int REVISED_EVERY = 10;

	private final LocalStack stack;

	private final Map<String, Object> nodeProducerSettings;

	private final Serializer<Object> nodeValueSerializer;

	private final InboxQueries houaphanInbox;

	/** The stack's data folder, state stores included. */
	private final Path stateDir;

	private final Set<UUID> inHouaphansInbox = ConcurrentHashMap.newKeySet();

	private final Map<UUID, Long> startedAt = new ConcurrentHashMap<>();

	private final AtomicReference<Consumer<UUID>> rawArrivals = new AtomicReference<>(NOT_MEASURED);

	private final AtomicReference<Consumer<UUID>> floorArrivals = new AtomicReference<>(NOT_MEASURED);

	private final AtomicReference<Consumer<UUID>> inboxArrivals = new AtomicReference<>(NOT_MEASURED);

	private final AtomicReference<Consumer<UUID>> ackArrivals = new AtomicReference<>(NOT_MEASURED);

	private final List<Thread> readers = new ArrayList<>();

	private volatile boolean reading = true;

	private final StringBuilder report = new StringBuilder();

	@SuppressWarnings("unchecked")
	private EndToEndBench(LocalStack stack, Path data) {
		this.stack = stack;
		this.stateDir = data;
		ProducerFactory<String, Object> sonLaProducers = stack.node(SON_LA.code()).getBean(ProducerFactory.class);
		this.nodeProducerSettings = new HashMap<>(sonLaProducers.getConfigurationProperties());
		this.nodeProducerSettings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		this.nodeValueSerializer = sonLaProducers.getValueSerializerSupplier().get();
		this.houaphanInbox = stack.node(HOUAPHAN.code()).getBean(InboxQueries.class);
		stack.node(HOUAPHAN.code()).getBean(InboxWatchers.class).watch((alertId) -> {
			this.inHouaphansInbox.add(alertId);
			this.inboxArrivals.get().accept(alertId);
		});
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.of(args);
		Path data = Files.createTempDirectory("mekong-e2e-");
		try (LocalStack stack = settings.border()
				? LocalStack.startAcrossBorder(data, StackMachine.freePorts(), StackMachine.freeBorderPorts())
				: LocalStack.start(data, StackMachine.freePorts())) {
			// Ctrl-C must not leave the registry's child process running.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
			EndToEndBench bench = new EndToEndBench(stack, data);
			try {
				bench.run(settings);
			}
			finally {
				bench.stopReading();
			}
			Path results = StackMachine.writeReport(settings.border() ? "e2e-border" : "e2e", bench.report);
			log.info("End-to-end results (also in {}):\n{}", results, bench.report);
		}
		finally {
			StackMachine.deleteRecursively(data);
		}
	}

	private void run(Settings settings) throws Exception {
		line(settings.border()
				? "Mekong Exchange end-to-end across a border: hub (VN-05 outbox -> router -> LA-HO inbox on the"
						+ " Vietnamese cluster -> MirrorMaker of LA -> LA-HO inbox on the Lao cluster -> receiver; RECEIVED"
						+ " back through the MirrorMaker of VN) against raw Kafka and the Kafka floor on the Vietnamese"
						+ " cluster"
				: "Mekong Exchange end-to-end: hub (VN-05 outbox -> router -> LA-HO inbox -> receiver) against raw Kafka");
		line("JVM %s, %d processors, max heap %d MB; alerts %d (full speed), %d at %d/s, backlog %d", Runtime.version(),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, settings.alerts(),
				settings.paced(), settings.rate(), settings.backlog());
		line("Average alert size (Avro, Confluent framing): %d bytes", averageSize());
		createRawTopic();
		startReaders();
		long idleRss = StackMachine.residentKilobytes();
		long idleHeap = StackMachine.heapAfterGc();
		line("Resident memory of the stack's JVM at idle: %d MB (heap in use after GC %d MB)", idleRss >> 10,
				idleHeap >> 20);

		try (KafkaFloor floor = new KafkaFloor(this.stack.broker().adminSettings())) {
			measureLanes(settings);
		}

		line("");
		backlog(settings.backlog(), settings.border());
		long heldHeap = StackMachine.heapAfterGc();
		int held = this.inHouaphansInbox.size();
		long onDisk = StackMachine.sizeOf(this.stateDir.resolve("streams"));
		line("");
		line("## State");
		line("Heap in use after GC: %d MB at idle, %d MB holding %d inbox entries at LA-HO and as many sent alerts "
				+ "at VN-05: %d bytes per alert for both nodes (both views are in state stores)", idleHeap >> 20,
				heldHeap >> 20, held, (heldHeap - idleHeap) / Math.max(1, held));
		line("State stores on disk (both sides of both nodes): %d MB, %d bytes per alert", onDisk >> 20,
				onDisk / Math.max(1, held));
	}

	/**
	 * The runs of the three lanes side by side: raw Kafka (one hop), the Kafka floor of
	 * the hub's topology ({@link KafkaFloor}) and the hub, at full speed and at the fixed
	 * rate.
	 */
	private void measureLanes(Settings settings) throws InterruptedException {
		measure("warm-up raw", WARM_UP, 0, Lane.RAW);
		measure("warm-up floor", WARM_UP, 0, Lane.FLOOR);
		measure("warm-up hub", WARM_UP, 0, Lane.HUB);
		line("");
		line("## Full speed (%d alerts each)", settings.alerts());
		ResidentPeak peak = ResidentPeak.start();
		Run raw = measure("raw", settings.alerts(), 0, Lane.RAW);
		Run floor = measure("floor", settings.alerts(), 0, Lane.FLOOR);
		Run hub = measure("hub", settings.alerts(), 0, Lane.HUB);
		long loadRss = peak.stop();
		table(raw, floor, hub);
		line("throughput hub/raw = %.3f, hub/floor = %.3f; p99 outbox->inbox hub/raw = %.1f, hub/floor = %.1f",
				hub.perSecond() / raw.perSecond(), hub.perSecond() / floor.perSecond(), p99Ratio(hub, raw),
				p99Ratio(hub, floor));
		line("Resident memory of the stack's JVM under load (peak): %d MB", loadRss >> 10);

		line("");
		line("## Fixed rate: %d alerts at %d/s", settings.paced(), settings.rate());
		// The full-speed runs take few, large transactions; the broker's and the nodes'
		// code for one small transaction per poll is compiled only after many of them.
		measure("warm-up hub at the fixed rate", Math.min(settings.paced(), settings.rate() * PACED_WARM_UP_SECONDS),
				settings.rate(), Lane.HUB);
		Run rawPaced = measure("raw", settings.paced(), settings.rate(), Lane.RAW);
		Run floorPaced = measure("floor", settings.paced(), settings.rate(), Lane.FLOOR);
		Run hubPaced = measure("hub", settings.paced(), settings.rate(), Lane.HUB);
		table(rawPaced, floorPaced, hubPaced);
		line("p99 outbox->inbox hub = %.1f ms; hub/raw = %.1f, hub/floor = %.1f (target <= 1.5)",
				hubPaced.first().getValueAtPercentile(99) / 1000.0, p99Ratio(hubPaced, rawPaced),
				p99Ratio(hubPaced, floorPaced));
	}

	private static double p99Ratio(Run run, Run against) {
		return (double) run.first().getValueAtPercentile(99) / against.first().getValueAtPercentile(99);
	}

	/**
	 * Sends {@code count} alerts, at {@code rate} per second or, with 0, as fast as the
	 * producer takes them. Raw Kafka gets the bytes the hub's producer would write, with
	 * their signature headers, encoded before the clock starts: its figures are Kafka's
	 * alone.
	 */
	private Run measure(String name, int count, int rate, Lane lane) {
		Arrivals first = new Arrivals(this.startedAt);
		Arrivals second = new Arrivals(this.startedAt);
		listen(lane, first, second);
		List<Alert> alerts = alerts(count);
		Set<UUID> ids = idsOf(alerts);
		long started = switch (lane) {
			case RAW -> send(alerts.stream().map((alert) -> rawRecord(RAW_TOPIC, alert)).toList(), rawProducer(), rate);
			case FLOOR ->
				send(alerts.stream().map((alert) -> rawRecord(KafkaFloor.OUTBOX, alert)).toList(), rawProducer(), rate);
			case HUB -> send(alerts.stream().map(EndToEndBench::outboxRecord).toList(), outboxProducer(), rate);
		};
		return finish(name, ids, first, second, lane, started);
	}

	/**
	 * Sends the records, at {@code rate} per second or as fast as they go; returns when
	 * it started.
	 */
	private <V> long send(List<ProducerRecord<String, V>> records, KafkaProducer<String, V> producer, int rate) {
		long interval = (rate > 0) ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
		try (producer) {
			long started = System.nanoTime();
			for (int i = 0; i < records.size(); i++) {
				long due = started + i * interval;
				long early = due - System.nanoTime();
				if (early > 0) {
					LockSupport.parkNanos(early);
				}
				this.startedAt.put(UUID.fromString(records.get(i).key()), (rate > 0) ? due : System.nanoTime());
				producer.send(records.get(i), EndToEndBench::failed);
			}
			producer.flush();
			return started;
		}
	}

	private Run finish(String name, Set<UUID> ids, Arrivals first, Arrivals second, Lane lane, long started) {
		boolean hub = lane == Lane.HUB;
		boolean complete = first.awaitAll(ids.size(), PATIENCE) && (!hub || second.awaitAll(ids.size(), PATIENCE));
		double seconds = (first.lastArrivalNanos() - started) / 1e9;
		Run run = new Run(name, lane, ids.size(), seconds, first.micros().copy(), hub ? second.micros().copy() : null,
				first.missing(ids), first.seenMoreThan(1), complete);
		log.info("{}: {} alerts in {} s, {} missing, {} duplicates", name, ids.size(), String.format("%.2f", seconds),
				run.missing(), run.duplicates());
		ids.forEach(this.startedAt::remove);
		return run;
	}

	/**
	 * Stops what takes LA-HO's inbox (its receiver; across a border, the border link into
	 * Laos) while {@code count} alerts are routed to it, then starts it again and
	 * measures how fast the backlog drains, and that nothing was lost, duplicated or
	 * reordered.
	 */
	private void backlog(int count, boolean border) throws Exception {
		line("## Backlog: %s while %d alerts (one in %d with two updates) are routed to LA-HO's inbox",
				border ? "the border link into Laos (MirrorMaker of LA) down" : "LA-HO's receiver stopped", count,
				REVISED_EVERY);
		StreamsBuilderFactoryBean receiver = this.stack.node(HOUAPHAN.code())
			.getBean(RECEIVER, StreamsBuilderFactoryBean.class);
		Runnable stop = border ? () -> this.stack.stopBorderLink(LAOS) : receiver::stop;
		Runnable start = border ? () -> this.stack.startBorderLink(LAOS) : receiver::start;
		stop.run();
		Arrivals arrivals = new Arrivals(this.startedAt);
		Map<UUID, Integer> revisions = new LinkedHashMap<>();
		this.inboxArrivals.set(arrivals::arrived);
		double routedBefore = routedBySonLa();
		long publishing = System.nanoTime();
		try (KafkaProducer<String, Object> producer = outboxProducer()) {
			for (int i = 0; i < count; i++) {
				Alert alert = BenchAlerts.next(i);
				this.startedAt.put(alert.getAlertId(), System.nanoTime());
				producer.send(outboxRecord(alert), EndToEndBench::failed);
				revisions.put(alert.getAlertId(), 1);
				if (i % REVISED_EVERY == 0) {
					producer.send(outboxRecord(BenchAlerts.update(alert, 2)), EndToEndBench::failed);
					producer.send(outboxRecord(BenchAlerts.update(alert, 3)), EndToEndBench::failed);
					revisions.put(alert.getAlertId(), 3);
				}
			}
			producer.flush();
		}
		int total = revisions.values().stream().mapToInt(Integer::intValue).sum();
		while (routedBySonLa() - routedBefore < total) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		double routing = (System.nanoTime() - publishing) / 1e9;
		line("Routed %d revisions into LA-HO's inbox%s in %.1f s (%.0f/s)", total,
				border ? " on the Vietnamese cluster" : "", routing, total / routing);

		long started = System.nanoTime();
		start.run();
		arrivals.awaitAll(count, PATIENCE);
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		long outOfOrder;
		do {
			outOfOrder = revisions.entrySet()
				.stream()
				.filter((entry) -> !taken(entry.getKey(), entry.getValue()))
				.count();
		}
		while (outOfOrder > 0 && System.nanoTime() < deadline && pause());
		double drained = (System.nanoTime() - started) / 1e9;
		double lag;
		do {
			lag = receiverLag();
		}
		while (lag != 0 && System.nanoTime() < deadline && pause());
		double lagZero = (System.nanoTime() - started) / 1e9;
		line("Drained after restart (counted from the restart%s): %d alerts, %d revisions in %.1f s (%.0f revisions/s);"
				+ " records-lag metric of the " + "receiver %.0f after %.1f s",
				border ? ", the MirrorMaker's start-up included" : "", count, total, drained, total / drained, lag,
				lagZero);
		line("Lost: %d; shown more than once per revision: %d; alerts whose inbox does not hold revisions 1..n in "
				+ "order: %d", arrivals.missing(revisions.keySet()), duplicatesOf(revisions), outOfOrder);
		revisions.keySet().forEach(this.startedAt::remove);
		this.inboxArrivals.set(NOT_MEASURED);
	}

	/**
	 * Whether the inbox holds exactly revisions 1 to {@code latest} of the alert, in
	 * order.
	 */
	private boolean taken(UUID alertId, int latest) {
		return this.houaphanInbox.find(alertId).map(InboxEntry::revisions).map((taken) -> {
			if (taken.size() != latest) {
				return false;
			}
			for (int i = 0; i < taken.size(); i++) {
				if (taken.get(i).getRevision() != i + 1) {
					return false;
				}
			}
			return true;
		}).orElse(false);
	}

	private long duplicatesOf(Map<UUID, Integer> revisions) {
		return revisions.entrySet()
			.stream()
			.filter((entry) -> this.houaphanInbox.find(entry.getKey())
				.map((inbox) -> inbox.revisions().size() > entry.getValue())
				.orElse(false))
			.count();
	}

	private void listen(Lane lane, Arrivals first, Arrivals second) {
		this.rawArrivals.set((lane == Lane.RAW) ? first::arrived : NOT_MEASURED);
		this.floorArrivals.set((lane == Lane.FLOOR) ? first::arrived : NOT_MEASURED);
		this.inboxArrivals.set((lane == Lane.HUB) ? first::arrived : NOT_MEASURED);
		this.ackArrivals.set((lane == Lane.HUB) ? second::arrived : NOT_MEASURED);
	}

	private static ProducerRecord<String, Object> outboxRecord(Alert alert) {
		return new ProducerRecord<>(Topics.outbox(SON_LA).name(), alert.getAlertId().toString(), alert);
	}

	private ProducerRecord<String, byte[]> rawRecord(String topic, Alert alert) {
		RecordHeaders headers = new RecordHeaders();
		byte[] value = this.nodeValueSerializer.serialize(topic, headers, alert);
		return new ProducerRecord<>(topic, null, alert.getAlertId().toString(), value, headers);
	}

	private static void failed(RecordMetadata sent, Exception failure) {
		if (failure != null) {
			log.error("Could not send a record", failure);
		}
	}

	/** A producer with Son La's producer settings and serializer (signed Avro). */
	private KafkaProducer<String, Object> outboxProducer() {
		return new KafkaProducer<>(this.nodeProducerSettings, new StringSerializer(), this.nodeValueSerializer);
	}

	/**
	 * A producer with Son La's producer settings that writes bytes, logged in as the
	 * administrator, who may write the raw topic.
	 */
	private KafkaProducer<String, byte[]> rawProducer() {
		Map<String, Object> settings = new HashMap<>(this.nodeProducerSettings);
		settings.putAll(this.stack.broker().adminSettings());
		return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
	}

	private void startReaders() {
		AvroWireDeserializer acks = new AvroWireDeserializer(
				new HttpSchemaRegistryClient(this.stack.registryUrl(), Duration.ofSeconds(10)));
		acks.configure(Map.of("specific.avro.reader", true), false);
		read(RAW_TOPIC, new ByteArrayDeserializer(),
				(key, value) -> this.rawArrivals.get().accept(UUID.fromString(key)));
		read(KafkaFloor.RECEIVED, new ByteArrayDeserializer(),
				(key, value) -> this.floorArrivals.get().accept(UUID.fromString(key)));
		read(Topics.acks(SON_LA).name(), acks, (key, value) -> {
			if (value instanceof Acknowledgement ack && ack.getStatus() == AckStatus.RECEIVED
					&& ack.getRevision() == 1) {
				this.ackArrivals.get().accept(UUID.fromString(key));
			}
		});
	}

	private <V> void read(String topic, Deserializer<V> values, BiConsumer<String, V> each) {
		Map<String, Object> settings = new HashMap<>(this.stack.broker().adminSettings());
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		KafkaConsumer<String, V> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values);
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		Thread reader = new Thread(() -> {
			try (consumer) {
				while (this.reading) {
					consumer.poll(Duration.ofMillis(100))
						.forEach((record) -> each.accept(record.key(), record.value()));
				}
			}
		}, "bench-read-" + topic);
		reader.setDaemon(true);
		reader.start();
		this.readers.add(reader);
	}

	private void stopReading() throws InterruptedException {
		this.reading = false;
		for (Thread reader : this.readers) {
			reader.join(5_000);
		}
	}

	private void createRawTopic() throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(this.stack.broker().adminSettings())) {
			int partitions = admin.describeTopics(List.of(Topics.outbox(SON_LA).name()))
				.allTopicNames()
				.get()
				.get(Topics.outbox(SON_LA).name())
				.partitions()
				.size();
			admin
				.createTopics(Stream.of(RAW_TOPIC, KafkaFloor.OUTBOX, KafkaFloor.INBOX, KafkaFloor.RECEIVED)
					.map((topic) -> new NewTopic(topic, partitions, (short) 1))
					.toList())
				.all()
				.get();
			line("Raw and floor topics: %d partitions each, as Son La's outbox", partitions);
		}
	}

	/**
	 * The records-lag metric of the consumers of LA-HO's inbox, as its Prometheus
	 * endpoint shows it; -1 while no consumer has the inbox's partitions. (Committed
	 * offsets would never show 0: in a transaction the last committed offset stops before
	 * the commit marker.)
	 */
	private double receiverLag() {
		List<Gauge> lags = this.stack.node(HOUAPHAN.code())
			.getBean(MeterRegistry.class)
			.find("kafka.consumer.fetch.manager.records.lag")
			.gauges()
			.stream()
			.filter((gauge) -> INBOX_METRIC_TOPIC.equals(gauge.getId().getTag("topic")))
			.toList();
		return lags.isEmpty() ? -1 : lags.stream().mapToDouble(Gauge::value).filter((lag) -> !Double.isNaN(lag)).sum();
	}

	private double routedBySonLa() {
		return this.stack.node(SON_LA.code())
			.getBean(MeterRegistry.class)
			.find("exchange.alerts.routed")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private int averageSize() {
		long bytes = 0;
		for (int i = 0; i < 300; i++) {
			bytes += this.nodeValueSerializer.serialize(RAW_TOPIC, new RecordHeaders(), BenchAlerts.next(i)).length;
		}
		return (int) (bytes / 300);
	}

	private void table(Run... runs) {
		line("| run | alerts | seconds | alerts/s | leg | p50 ms | p99 ms | p99.9 ms | max ms | lost | duplicated |");
		line("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
		for (Run run : runs) {
			row(run, switch (run.lane()) {
				case RAW -> "producer -> consumer";
				case FLOOR -> "outbox -> received, 2 transactional hops";
				case HUB -> "outbox -> LA-HO inbox";
			}, run.first());
			if (run.lane() == Lane.HUB) {
				row(run, "outbox -> RECEIVED ack at VN-05", run.second());
			}
		}
	}

	private void row(Run run, String leg, Histogram micros) {
		line("| %s | %d | %.2f | %,.0f | %s | %.1f | %.1f | %.1f | %.1f | %d | %d |%s", run.name(), run.count(),
				run.seconds(), run.perSecond(), leg, micros.getValueAtPercentile(50) / 1000.0,
				micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
				micros.getMaxValue() / 1000.0, run.missing(), run.duplicates(), run.complete() ? "" : " INCOMPLETE");
	}

	private void line(String format, Object... arguments) {
		this.report.append(String.format(format, arguments)).append('\n');
	}

	private static List<Alert> alerts(int count) {
		List<Alert> alerts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			alerts.add(BenchAlerts.next(i));
		}
		return alerts;
	}

	private static Set<UUID> idsOf(List<Alert> alerts) {
		Set<UUID> ids = ConcurrentHashMap.newKeySet();
		alerts.forEach((alert) -> ids.add(alert.getAlertId()));
		return ids;
	}

	private static boolean pause() {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		return true;
	}

	/** One run's figures; {@code second} is the acknowledgement leg of the hub. */
	record Run(String name, Lane lane, int count, double seconds, Histogram first, Histogram second, long missing,
			long duplicates, boolean complete) {

		double perSecond() {
			return this.count / this.seconds;
		}

	}

	/** The harness's settings, from {@code --name=value} arguments. */
	/**
	 * @param border whether each country runs its own cluster, bridged by MirrorMaker
	 * ({@code --border}): the hub's alerts then cross the border, and the backlog builds
	 * up while the link is down
	 */
	record Settings(int alerts, int paced, int rate, int backlog, boolean border) {

		static Settings of(String[] args) {
			Map<String, Integer> values = new HashMap<>(
					Map.of("alerts", 20_000, "paced", 20_000, "rate", 1_000, "backlog", 100_000));
			boolean border = false;
			for (String arg : args) {
				if (arg.equals("--border")) {
					border = true;
					continue;
				}
				String[] nameAndValue = arg.replaceFirst("^--", "").split("=", 2);
				if (nameAndValue.length != 2 || !values.containsKey(nameAndValue[0])) {
					throw new IllegalArgumentException("Unknown argument " + arg + "; known: --" + values.keySet());
				}
				values.put(nameAndValue[0], Integer.parseInt(nameAndValue[1]));
			}
			return new Settings(values.get("alerts"), values.get("paced"), values.get("rate"), values.get("backlog"),
					border);
		}

	}

	/** The highest resident memory of this JVM while it runs. */
	static final class ResidentPeak {

		private final AtomicLong peak = new AtomicLong();

		private final Thread sampler;

		private volatile boolean sampling = true;

		private ResidentPeak() {
			this.sampler = new Thread(() -> {
				while (this.sampling) {
					this.peak.accumulateAndGet(StackMachine.residentKilobytes(), Math::max);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
				}
			}, "bench-rss");
			this.sampler.setDaemon(true);
		}

		static ResidentPeak start() {
			ResidentPeak peak = new ResidentPeak();
			peak.sampler.start();
			return peak;
		}

		long stop() throws InterruptedException {
			this.sampling = false;
			this.sampler.join();
			return this.peak.get();
		}

	}

}
