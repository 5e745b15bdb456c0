package mekong.exchange.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.Lifecycle;

/**
 * The backlog lane, run once: what takes Houaphan's inbox is stopped (its receiving
 * side's Kafka Streams application, bean {@value #RECEIVER}: the receiver and the inbox
 * view in one processor, the one bean of a node the harness touches; across a border, the
 * border link into Laos), a backlog is routed into the inbox (one alert in
 * {@value #REVISED_EVERY} with two updates right after it), then it is started again. It
 * measures how fast Son La's router writes the backlog (Houaphan's inbox topic
 * read_committed) and how fast Houaphan then drains it: every revision taken (its
 * RECEIVED, written in the transaction that takes it, committed to Son La's acks topic
 * where Houaphan writes it) and every alert announced on the desk event stream (one event
 * per commit that changed the entry, so the revisions of an alert taken in one commit
 * make one event). It checks through the desk API that nothing was lost, taken twice or
 * out of order: every alert with updates, every alert the stream never announced or
 * announced more often than it has revisions, and one in {@value #SAMPLED_EVERY} of the
 * others.
 */
final class BacklogLane {

	/**
	 * Houaphan's receiving side: its Kafka Streams application, receiver and inbox view.
	 */
	static final String RECEIVER = "&consumerStreams";

	static final int REVISED_EVERY = 10;

	static final int SAMPLED_EVERY = 10;

	private static final Logger log = LoggerFactory.getLogger(BacklogLane.class);

	private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*(\\d+)");

	private final StackClients stack;

	private final Feeds feeds;

	private final ContractCodec codec;

	private final InboxEvents inbox;

	private final ArrivalPoints points;

	private final Duration patience;

	BacklogLane(StackClients stack, Feeds feeds, ContractCodec codec, InboxEvents inbox, ArrivalPoints points,
			Duration patience) {
		this.stack = stack;
		this.feeds = feeds;
		this.codec = codec;
		this.inbox = inbox;
		this.points = points;
		this.patience = patience;
	}

	Result run(int count, boolean border) throws Exception {
		Runnable stop;
		Runnable start;
		if (border) {
			stop = () -> this.stack.stack().stopBorderLink(StackClients.HOUAPHAN.country());
			start = () -> this.stack.stack().startBorderLink(StackClients.HOUAPHAN.country());
		}
		else {
			Lifecycle receiver = this.stack.stack()
				.node(StackClients.HOUAPHAN.code())
				.getBean(RECEIVER, Lifecycle.class);
			stop = receiver::stop;
			start = receiver::start;
		}
		Map<UUID, Integer> revisions = new ConcurrentHashMap<>();
		Map<UUID, AtomicInteger> announced = new ConcurrentHashMap<>();
		Map<UUID, Integer> received = new ConcurrentHashMap<>();
		AtomicLong revisionsReceived = new AtomicLong();
		AtomicLong receivedTwice = new AtomicLong();
		AtomicLong routed = new AtomicLong();
		this.inbox.openFor(Duration.ofMinutes(6));
		this.points.listen(Lane.Point.HUB_INBOX, (alertId) -> {
			if (revisions.containsKey(alertId)) {
				announced.computeIfAbsent(alertId, (id) -> new AtomicInteger()).incrementAndGet();
			}
		});
		String inboxTopic = Topics.inbox(StackClients.HOUAPHAN).name();
		String acks = Topics.acks(StackClients.SON_LA).name();
		int total;
		double routing;
		stop.run();
		try (TopicTail receipts = TopicTail.from(acks, this.stack.brokerOf(StackClients.HOUAPHAN).adminSettings(),
				(record) -> {
					if (this.codec.decode(acks, record.headers(), record.value()) instanceof Acknowledgement ack
							&& ack.getStatus() == AckStatus.RECEIVED && revisions.containsKey(ack.getAlertId())) {
						int revision = 1 << ack.getRevision();
						int before = received.getOrDefault(ack.getAlertId(), 0);
						received.put(ack.getAlertId(), before | revision);
						(((before & revision) != 0) ? receivedTwice : revisionsReceived).incrementAndGet();
					}
				})) {
			try (TopicTail routedRecords = TopicTail.from(inboxTopic,
					this.stack.brokerOf(StackClients.SON_LA).adminSettings(), (record) -> {
						if (record.key() != null && revisions.containsKey(UUID.fromString(record.key()))) {
							routed.incrementAndGet();
						}
					})) {
				long publishing = System.nanoTime();
				total = publish(count, revisions);
				awaitAtLeast(routed, total);
				routing = (System.nanoTime() - publishing) / 1e9;
			}
			log.info("Backlog: {} revisions of {} alerts routed into {} in {} s", total, count, inboxTopic,
					String.format("%.1f", routing));
			long restarted = System.nanoTime();
			start.run();
			long allReceived = 0;
			long allAnnounced = 0;
			long deadline = System.nanoTime() + this.patience.toNanos();
			while (System.nanoTime() < deadline && (allReceived == 0 || allAnnounced == 0)) {
				if (allReceived == 0 && revisionsReceived.get() >= total) {
					allReceived = System.nanoTime();
				}
				if (allAnnounced == 0 && announced.size() >= count) {
					allAnnounced = System.nanoTime();
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
			}
			double receiving = (allReceived != 0) ? (allReceived - restarted) / 1e9 : Double.NaN;
			double announcing = (allAnnounced != 0) ? (allAnnounced - restarted) / 1e9 : Double.NaN;
			long drained = (allReceived != 0 && allAnnounced != 0) ? Math.max(allReceived, allAnnounced)
					: System.nanoTime();
			double draining = (drained - restarted) / 1e9;
			Thread.sleep(3_000);
			this.points.stopListening();
			Check check = check(revisions, announced);
			return new Result(count, total, routing, draining, receiving, announcing, revisionsReceived.get(),
					receivedTwice.get(), announced.size(),
					announced.values().stream().mapToLong(AtomicInteger::get).sum(), check);
		}
	}

	/**
	 * Writes the backlog to Son La's outbox as Son La, an alert and, for one in
	 * {@value #REVISED_EVERY}, revisions 2 and 3 right after it; returns the revisions
	 * written.
	 */
	private int publish(int count, Map<UUID, Integer> revisions) {
		int total = 0;
		String outbox = Topics.outbox(StackClients.SON_LA).name();
		try (KafkaProducer<String, Object> producer = this.feeds.sonLasProducer()) {
			for (int i = 0; i < count; i++) {
				Alert alert = BenchAlerts.next(i);
				String key = alert.getAlertId().toString();
				int latest = (i % REVISED_EVERY == 0) ? 3 : 1;
				revisions.put(alert.getAlertId(), latest);
				producer.send(new ProducerRecord<>(outbox, key, alert));
				for (int revision = 2; revision <= latest; revision++) {
					producer.send(new ProducerRecord<>(outbox, key, BenchAlerts.update(alert, revision)));
				}
				total += latest;
			}
			producer.flush();
		}
		return total;
	}

	private void awaitAtLeast(AtomicLong counter, long expected) {
		long deadline = System.nanoTime() + this.patience.toNanos();
		while (counter.get() < expected && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
	}

	/**
	 * Asks Houaphan's desk API for the alerts to check: whether each is in the inbox,
	 * with revisions 1 to n in order, n as sent.
	 */
	private Check check(Map<UUID, Integer> revisions, Map<UUID, AtomicInteger> announced) throws Exception {
		List<UUID> checked = new ArrayList<>();
		int index = 0;
		for (Map.Entry<UUID, Integer> alert : revisions.entrySet()) {
			AtomicInteger events = announced.get(alert.getKey());
			int seen = (events != null) ? events.get() : 0;
			if (alert.getValue() > 1 || seen == 0 || seen > alert.getValue() || index++ % SAMPLED_EVERY == 0) {
				checked.add(alert.getKey());
			}
		}
		AtomicLong lost = new AtomicLong();
		AtomicLong twice = new AtomicLong();
		AtomicLong outOfOrder = new AtomicLong();
		ExecutorService askers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> asked = new ArrayList<>();
			for (UUID alertId : checked) {
				asked.add(askers.submit(() -> {
					List<Integer> held = heldRevisions(alertId);
					int sent = revisions.get(alertId);
					if (held == null) {
						lost.incrementAndGet();
					}
					else if (held.size() > sent) {
						twice.incrementAndGet();
					}
					else if (!inOrder(held, sent)) {
						outOfOrder.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> answer : asked) {
				answer.get();
			}
		}
		finally {
			askers.shutdownNow();
		}
		long notAnnounced = revisions.keySet().stream().filter((alertId) -> !announced.containsKey(alertId)).count();
		long announcedTwice = revisions.entrySet()
			.stream()
			.filter((alert) -> announced.containsKey(alert.getKey())
					&& announced.get(alert.getKey()).get() > alert.getValue())
			.count();
		return new Check(checked.size(), lost.get(), twice.get(), outOfOrder.get(), notAnnounced, announcedTwice);
	}

	/**
	 * The revisions Houaphan's inbox entry holds, in its order; null if there is none.
	 */
	private List<Integer> heldRevisions(UUID alertId) throws IOException, InterruptedException {
		String entry = this.stack.inboxEntry(StackClients.HOUAPHAN, alertId);
		if (entry == null) {
			return null;
		}
		int from = entry.indexOf("\"revisions\"");
		int to = entry.indexOf(']', from);
		if (from < 0 || to < 0) {
			throw new IOException("The inbox entry of " + alertId + " lists no revisions: " + entry);
		}
		List<Integer> held = new ArrayList<>();
		Matcher revision = REVISION.matcher(entry.substring(from, to));
		while (revision.find()) {
			held.add(Integer.parseInt(revision.group(1)));
		}
		return held;
	}

	private static boolean inOrder(List<Integer> held, int sent) {
		if (held.size() != sent) {
			return false;
		}
		for (int i = 0; i < held.size(); i++) {
			if (held.get(i) != i + 1) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What the desk API showed of the alerts checked.
	 *
	 * @param lost not in the inbox
	 * @param twice holding more revisions than sent
	 * @param outOfOrder not holding revisions 1 to n in order
	 * @param notAnnounced alerts (of all) the event stream never named
	 * @param announcedTwice alerts (of all) the event stream named more often than they
	 * have revisions (it names an alert once per commit that changed it)
	 */
	record Check(int checked, long lost, long twice, long outOfOrder, long notAnnounced, long announcedTwice) {
	}

	/**
	 * @param routingSeconds from the first record written to the outbox until every
	 * revision was committed to Houaphan's inbox topic
	 * @param drainingSeconds from the restart until every revision was received and every
	 * alert announced (the later of the two; until the patience ran out if not)
	 * @param receivingSeconds from the restart until every revision's RECEIVED was
	 * committed; NaN if not within the patience
	 * @param announcingSeconds from the restart until the event stream had announced
	 * every alert; NaN if not within the patience
	 * @param revisionsReceived revisions whose RECEIVED was committed
	 * @param receivedTwice RECEIVED acknowledgements of a revision seen before
	 * @param eventsAnnounced the stream's events naming alerts of the backlog
	 */
	record Result(int alerts, int revisions, double routingSeconds, double drainingSeconds, double receivingSeconds,
			double announcingSeconds, long revisionsReceived, long receivedTwice, long alertsAnnounced,
			long eventsAnnounced, Check check) {
	}

}
