package mekong.exchange.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.bench.Lane.Point;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub against the floors of its design, in one run on one machine: the local stack
 * (its TLS, SASL/SCRAM and ACL broker, its registry, identity provider and nodes, Son La
 * VN-05 and Houaphan LA-HO as they run for the desks) started in this process, and beside
 * it, on the same broker, raw Kafka, the Kafka floor ({@link KafkaFloor}) and the
 * protocol floor ({@link ProtocolFloor}). The harness drives the nodes only through what
 * they offer anyone (Kafka topics, the desk API, the event stream, the Prometheus
 * endpoints, the broker's JMX), so that the same harness measures another implementation
 * of the nodes: see {@link StackClients}.
 * <p>
 * Each lane ({@link Lane}) runs a warm-up and then a measured window of the same load,
 * {@code --repeats} times, the lanes taking turns; the report gives each repetition and
 * the median, the ratios of the hub to the floors, the per-alert costs (measured in the
 * paced hub lane, {@link PerAlertCosts}), a backlog run ({@link BacklogLane}) and the
 * heap per alert. Where a hub alert counts as delivered: when Houaphan's desk event
 * stream announces it ({@link InboxEvents}); its RECEIVED is back when Son La's acks
 * topic holds it, read_committed.
 * <p>
 * With {@code --border} the stack runs one cluster per country: the hub's alerts cross
 * the border through the Lao MirrorMaker, their RECEIVED comes back through the
 * Vietnamese one, and the backlog builds up while the Lao MirrorMaker is stopped (raw
 * Kafka and the floors stay on the Vietnamese cluster).
 * <p>
 * Run with {@code ./mvnw -q -pl bench exec:exec@end-to-end} (or
 * {@code @end-to-end-border}) after installing the project (BENCHMARKS.md); the report
 * goes to the log and to {@code bench/results}.
 */
public final class EndToEndBench {

	private static final Logger log = LoggerFactory.getLogger(EndToEndBench.class);

	/**
	 * The Spring property, read from the system properties by the nodes the stack starts
	 * in this JVM, that makes their Kafka Streams record state-store metrics.
	 */
	static final String STREAMS_RECORDING_LEVEL = "spring.kafka.streams.properties.metrics.recording.level";

	private final BenchSettings settings;

	private final StackClients stack;

	private final Report report = new Report();

	private EndToEndBench(BenchSettings settings, StackClients stack) {
		this.settings = settings;
		this.stack = stack;
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.of(args);
		if (settings.storeMetrics()) {
			System.setProperty(STREAMS_RECORDING_LEVEL, "DEBUG");
		}
		Path data = Files.createTempDirectory("mekong-e2e-");
		try (LocalStack stack = settings.border()
				? LocalStack.startAcrossBorder(data, StackMachine.freePorts(), StackMachine.freeBorderPorts())
				: LocalStack.start(data, StackMachine.freePorts())) {
			// Ctrl-C must not leave the registry's child process running.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
			EndToEndBench bench = new EndToEndBench(settings, new StackClients(stack, data));
			bench.run();
			Path results = StackMachine.writeReport(settings.border() ? "e2e-border" : "e2e", bench.report.text());
			log.info("End-to-end results (also in {}):\n{}", results, bench.report.text());
		}
		finally {
			StackMachine.deleteRecursively(data);
		}
	}

	private void run() throws Exception {
		ArrivalPoints points = new ArrivalPoints();
		ContractCodec codec = new ContractCodec(this.stack.registry());
		AlertTemplates templates = new AlertTemplates(codec, this.stack.signerOf(StackClients.SON_LA));
		int partitions = createBenchTopics();
		header(templates, partitions);
		List<AutoCloseable> running = new ArrayList<>();
		try {
			running.add(TopicTail.from(LaneRunner.RAW_TOPIC, this.stack.admin(),
					(record) -> points.arrived(Point.RAW_CONSUMED, UUID.fromString(record.key()))));
			running.add(TopicTail.from(KafkaFloor.RECEIVED, this.stack.admin(),
					(record) -> points.arrived(Point.FLOOR_RECEIVED, UUID.fromString(record.key()))));
			String acks = Topics.acks(StackClients.SON_LA).name();
			running.add(TopicTail.from(acks, this.stack.brokerOf(StackClients.SON_LA).adminSettings(), (record) -> {
				if (codec.decode(acks, record.headers(), record.value()) instanceof Acknowledgement ack
						&& ack.getStatus() == AckStatus.RECEIVED && ack.getRevision() == 1
						&& StackClients.HOUAPHAN.code().equals(ack.getRecipientNode())) {
					points.arrived(Point.HUB_RECEIVED, ack.getAlertId());
				}
			}));
			InboxEvents inbox = new InboxEvents(this.stack, StackClients.HOUAPHAN,
					(alertId) -> points.arrived(Point.HUB_INBOX, alertId));
			running.add(inbox);
			running.add(new KafkaFloor(this.stack.admin()));
			ProtocolFloor protocolFloor = new ProtocolFloor(this.stack.admin(), codec, this.stack, points);
			running.add(protocolFloor);
			PerAlertCosts costs = new PerAlertCosts(this.stack);
			Feeds feeds = new Feeds(this.stack, codec, templates);
			LaneRunner runner = new LaneRunner(this.settings, this.stack, feeds, points, inbox, protocolFloor, costs);
			measure(runner, inbox, feeds, codec, points);
		}
		finally {
			for (int i = running.size() - 1; i >= 0; i--) {
				running.get(i).close();
			}
		}
	}

	private void measure(LaneRunner runner, InboxEvents inbox, Feeds feeds, ContractCodec codec, ArrivalPoints points)
			throws Exception {
		long idleRss = StackMachine.residentKilobytes();
		long idleHeap = StackMachine.heapAfterGc();
		this.report.line("Resident memory of the stack's JVM at idle: %d MB (heap in use after GC %d MB)",
				idleRss >> 10, idleHeap >> 20);
		ResidentPeak peak = ResidentPeak.start();
		Map<Lane, List<LaneResult>> results = new EnumMap<>(Lane.class);
		for (int repetition = 1; repetition <= this.settings.repeats(); repetition++) {
			for (Lane lane : this.settings.lanes()) {
				results.computeIfAbsent(lane, (added) -> new ArrayList<>()).add(runner.run(lane, repetition));
			}
		}
		long loadRss = peak.stop();
		results.forEach((lane, runs) -> this.report.lane(lane, runs, this.settings));
		this.report.ratios(results);
		this.report.costs(results.getOrDefault(Lane.HUB_PACED, List.of()));
		long throughHub = runner.throughHub();
		if (this.settings.backlog() > 0) {
			BacklogLane.Result backlog = new BacklogLane(this.stack, feeds, codec, inbox, points,
					this.settings.patience())
				.run(this.settings.backlog(), this.settings.border());
			this.report.backlog(backlog, this.settings.border());
			throughHub += backlog.alerts();
		}
		long heldHeap = StackMachine.heapAfterGc();
		this.report.line("");
		this.report.line("## State");
		this.report.line("");
		this.report.line("Resident memory of the stack's JVM: %d MB at idle, %d MB at the peak of the lanes",
				idleRss >> 10, loadRss >> 10);
		this.report.line(
				"Heap in use after GC: %d MB at idle, %d MB after %,d alerts went through the hub (both "
						+ "nodes hold them): %d bytes per alert",
				idleHeap >> 20, heldHeap >> 20, throughHub, (heldHeap - idleHeap) / Math.max(1, throughHub));
	}

	private void header(AlertTemplates templates, int partitions) {
		this.report.line(this.settings.border()
				? "# Mekong Exchange end to end across a border: the hub (VN-05 outbox -> router -> LA-HO inbox on the "
						+ "Vietnamese cluster -> MirrorMaker of LA -> receiver on the Lao cluster; RECEIVED back through "
						+ "the MirrorMaker of VN) against raw Kafka and the floors on the Vietnamese cluster"
				: "# Mekong Exchange end to end: the hub (VN-05 outbox -> router -> LA-HO receiver and inbox) against "
						+ "raw Kafka, the Kafka floor and the protocol floor");
		this.report.line("");
		this.report.line("Run on %s; JVM %s, %d processors, max heap %d MB", LocalDate.now(), Runtime.version(),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		this.report.line("Settings: %s", this.settings.describe());
		this.report.line("Average alert (Avro, Confluent framing, as in Son La's outbox): %d bytes; bench topics: %d "
				+ "partitions each, as Son La's outbox", templates.averageSize(), partitions);
	}

	/** Creates the raw and floor topics, with as many partitions as Son La's outbox. */
	private int createBenchTopics() throws Exception {
		String outbox = Topics.outbox(StackClients.SON_LA).name();
		try (Admin admin = Admin.create(this.stack.admin())) {
			int partitions = admin.describeTopics(List.of(outbox))
				.allTopicNames()
				.get()
				.get(outbox)
				.partitions()
				.size();
			admin
				.createTopics(Stream
					.of(Stream.of(LaneRunner.RAW_TOPIC), KafkaFloor.TOPICS.stream(), ProtocolFloor.TOPICS.stream())
					.flatMap((topics) -> topics)
					.map((topic) -> new NewTopic(topic, partitions, (short) 1))
					.toList())
				.all()
				.get();
			return partitions;
		}
	}

}
