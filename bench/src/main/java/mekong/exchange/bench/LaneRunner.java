package mekong.exchange.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.management.JMException;

import mekong.exchange.bench.Lane.Pace;
import mekong.exchange.bench.Lane.Pipeline;
import mekong.exchange.bench.Lane.Point;
import mekong.exchange.core.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one repetition of a lane: a warm-up and a measured window of the same load,
 * without a pause between them, then waits until every alert of the run arrived at every
 * leg (or the patience ran out), and a few seconds more for late duplicates and for the
 * nodes' last writes. Alerts go in as a partner system or a desk would send them:
 * <ul>
 * <li>raw and floor lanes: the hub's outbox bytes ({@link AlertTemplates}), written by
 * the broker's administrator to the lane's bench topic ({@link Feeds});</li>
 * <li>hub lanes: Son La's outbox, written with Son La's own Kafka login and signing key
 * by the project's serializer, as Son La's producers write it (acks=all, idempotence;
 * {@link Feeds});</li>
 * <li>desk API lane: {@code POST /api/v1/alerts} with a bearer token of Son La's desk
 * ({@link DeskClients}).</li>
 * </ul>
 */
final class LaneRunner {

	private static final Logger log = LoggerFactory.getLogger(LaneRunner.class);

	static final String RAW_TOPIC = "bench.raw";

	/**
	 * How long a run waits after its last arrival, for duplicates and the last writes.
	 */
	private static final Duration SETTLE = Duration.ofSeconds(3);

	/**
	 * How long a lane's last alerts usually take to arrive, for the event stream's life.
	 */
	private static final Duration DRAIN = Duration.ofMinutes(2);

	/**
	 * How long a run waits without any arrival before it asks the desk API about the
	 * alerts the event stream did not announce.
	 */
	private static final Duration STALL = Duration.ofSeconds(20);

	/** The most missing alerts a run asks the desk API about. */
	private static final int CHECKED_AT_MOST = 1_000;

	private final BenchSettings settings;

	private final StackClients stack;

	private final Feeds feeds;

	private final ArrivalPoints points;

	private final InboxEvents inbox;

	private final ProtocolFloor protocolFloor;

	private final PerAlertCosts costs;

	/** Alerts the runs sent to Houaphan through the hub, for the heap per alert. */
	private final AtomicLong throughHub = new AtomicLong();

	LaneRunner(BenchSettings settings, StackClients stack, Feeds feeds, ArrivalPoints points, InboxEvents inbox,
			ProtocolFloor protocolFloor, PerAlertCosts costs) {
		this.settings = settings;
		this.stack = stack;
		this.feeds = feeds;
		this.points = points;
		this.inbox = inbox;
		this.protocolFloor = protocolFloor;
		this.costs = costs;
	}

	long throughHub() {
		return this.throughHub.get();
	}

	LaneResult run(Lane lane, int repetition) throws Exception {
		Pipeline pipeline = lane.pipeline();
		boolean hub = pipeline == Pipeline.HUB || pipeline == Pipeline.DESK;
		if (hub) {
			this.inbox.openFor(Duration.ofSeconds(this.settings.warmUp() + this.settings.seconds()).plus(DRAIN));
		}
		int reopened = this.inbox.reopenedByItself();
		long unverified = this.protocolFloor.unverified();
		PerAlertCosts.Snapshot before = (lane == Lane.HUB_PACED) ? this.costs.snapshot() : null;
		Semaphore permits = new Semaphore((lane.pace() == Pace.FULL) ? this.settings.inFlight() : 0);
		Arrivals arrivals = new Arrivals(
				Arrivals.Window.after(TimeUnit.SECONDS.toNanos(this.settings.warmUp()),
						TimeUnit.SECONDS.toNanos(this.settings.seconds())),
				pipeline.legs().size(), pipeline.deliveryLeg(), pipeline == Pipeline.DESK, permits::release);
		List<Point> points = pipeline.points();
		for (int leg = 0; leg < points.size(); leg++) {
			int at = leg;
			this.points.listen(points.get(leg), (alertId) -> arrivals.arrived(at, alertId));
		}
		log.info("{} #{}: warm-up {} s, then {} s measured", lane, repetition, this.settings.warmUp(),
				this.settings.seconds());
		long refused = 0;
		switch (pipeline) {
			case RAW -> send(lane, arrivals, permits, this.feeds.copies(RAW_TOPIC));
			case FLOOR -> send(lane, arrivals, permits, this.feeds.copies(KafkaFloor.OUTBOX));
			case PROTOCOL -> send(lane, arrivals, permits, this.feeds.copies(ProtocolFloor.OUTBOX));
			case HUB -> send(lane, arrivals, permits, this.feeds.sonLasOutbox());
			case DESK -> refused = new DeskClients(this.stack, this.settings.desks()).fileUntilWindowEnds(arrivals);
		}
		Map<String, Map<String, Double>> storeRates = (before != null && this.settings.storeMetrics()) ? storeRates()
				: Map.of();
		double deliveredPerSecond = arrivals.perSecondInWindow(pipeline.deliveryLeg());
		long windowEnd = arrivals.window().end();
		boolean complete = awaitAll(arrivals, points);
		double drained = Math.max(0, (System.nanoTime() - windowEnd) / 1e9);
		Thread.sleep(SETTLE.toMillis());
		this.points.stopListening();
		PerAlertCosts.Sample costs = (before != null)
				? PerAlertCosts.between(before, this.costs.snapshot(), arrivals.sent(), storeRates, deliveredPerSecond)
				: null;
		if (hub) {
			this.throughHub.addAndGet(arrivals.sent());
		}
		List<LaneResult.Leg> legs = new ArrayList<>();
		for (int leg = 0; leg < points.size(); leg++) {
			Set<UUID> missing = arrivals.missing(leg);
			if (!missing.isEmpty()) {
				log.warn("{} #{}: {} alerts never arrived at '{}', e.g. {}", lane, repetition, missing.size(),
						pipeline.legs().get(leg), missing.stream().limit(5).toList());
			}
			long unannounced = (points.get(leg) == Point.HUB_INBOX) ? inInboxAllTheSame(missing) : -1;
			legs.add(new LaneResult.Leg(pipeline.legs().get(leg), arrivals.micros(leg), arrivals.arrived(leg),
					missing.size(), arrivals.twice(leg), unannounced));
		}
		List<String> notes = new ArrayList<>();
		if (refused > 0) {
			notes.add(refused + " requests refused");
		}
		if (this.protocolFloor.unverified() > unverified) {
			notes.add((this.protocolFloor.unverified() - unverified) + " signatures did not verify");
		}
		if (this.inbox.reopenedByItself() > reopened) {
			notes.add("event stream ended and opened again " + (this.inbox.reopenedByItself() - reopened) + " times");
		}
		LaneResult result = new LaneResult(lane, repetition, arrivals.sent(),
				arrivals.sentInWindow() / arrivals.window().seconds(), deliveredPerSecond, legs, complete, drained,
				String.join("; ", notes), costs);
		log.info("{} #{}: {} alerts sent, {}/s delivered in the window, p99 {} ms, drained {} s after the window{}",
				lane, repetition, result.sent(), String.format("%.0f", deliveredPerSecond),
				String.format("%.1f", result.delivery().percentileMillis(99)), String.format("%.1f", drained),
				complete ? "" : ", INCOMPLETE");
		return result;
	}

	/**
	 * Waits until every alert of the run arrived at every leg, at most
	 * {@code --patience}; or, once nothing arrives any more and only the event stream
	 * misses alerts, until the desk API shows each of them in the inbox (an event the
	 * harness did not get; the leg then reports them). False if alerts are missing.
	 */
	private boolean awaitAll(Arrivals arrivals, List<Point> points) throws InterruptedException {
		long deadline = System.nanoTime() + this.settings.patience().toNanos();
		int inboxLeg = points.indexOf(Point.HUB_INBOX);
		long arrived = -1;
		long progressed = System.nanoTime();
		while (!arrivals.allArrived() && System.nanoTime() < deadline) {
			long now = System.nanoTime();
			if (arrivals.totalArrived() != arrived) {
				arrived = arrivals.totalArrived();
				progressed = now;
			}
			else if (inboxLeg >= 0 && now - progressed > STALL.toNanos() && arrivals.allArrivedExcept(inboxLeg)) {
				Set<UUID> missing = arrivals.missing(inboxLeg);
				log.warn("{} alerts not announced by the event stream after {} s without arrivals, e.g. {}",
						missing.size(), STALL.toSeconds(), missing.stream().limit(5).toList());
				if (missing.size() <= CHECKED_AT_MOST && inInboxAllTheSame(missing) == missing.size()) {
					return true;
				}
				progressed = now;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		return arrivals.allArrived();
	}

	/**
	 * Sends until the window ends: at the fixed rate, each alert due at its time; or as
	 * fast as it goes with at most {@code --in-flight} alerts not yet delivered.
	 */
	private void send(Lane lane, Arrivals arrivals, Semaphore permits, Feeds.Feed feed) throws InterruptedException {
		long end = arrivals.window().end();
		long first = arrivals.window().start() - TimeUnit.SECONDS.toNanos(this.settings.warmUp());
		long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, this.settings.rate());
		try (feed) {
			for (long i = 0;; i++) {
				long due;
				if (lane.pace() == Pace.PACED) {
					due = first + i * interval;
					if (due >= end) {
						break;
					}
					long early = due - System.nanoTime();
					if (early > 0) {
						LockSupport.parkNanos(early);
					}
				}
				else {
					while (!permits.tryAcquire(10, TimeUnit.MILLISECONDS) && System.nanoTime() < end) {
						// at most --in-flight alerts on their way
					}
					due = System.nanoTime();
					if (due >= end) {
						break;
					}
				}
				UUID alertId = UUID.randomUUID();
				arrivals.started(alertId, due);
				feed.send(i, alertId);
			}
		}
	}

	/**
	 * The nodes' state-store operation rates now: from their Prometheus endpoints, or,
	 * where those do not answer or show none (today's nodes: Micrometer binds no store
	 * metrics), from Kafka Streams' JMX metrics in this JVM.
	 */
	private Map<String, Map<String, Double>> storeRates() {
		Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
		try {
			for (NodeId node : List.of(StackClients.SON_LA, StackClients.HOUAPHAN)) {
				rates.put(node + " (Prometheus)", this.costs.storeRates(node));
			}
			if (rates.values().stream().anyMatch((ops) -> !ops.isEmpty())) {
				return rates;
			}
			log.info("The Prometheus endpoints show no state-store metrics; reading them from JMX");
		}
		catch (IOException ex) {
			log.warn("Could not read the store metrics from Prometheus ({}); reading them from JMX", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return rates;
		}
		rates.clear();
		try {
			log.info("Kafka Streams metrics counting below zero: {}", this.costs.negativeTotals());
			this.costs.storeRatesByJmx().forEach((application, ops) -> rates.put(application + " (JMX)", ops));
		}
		catch (JMException ex) {
			log.warn("Could not read the store metrics from JMX either", ex);
		}
		return rates;
	}

	/**
	 * How many of the alerts the event stream did not announce Houaphan's desk API shows
	 * in its inbox all the same (at most {@value #CHECKED_AT_MOST} are asked about; the
	 * rest count as not there).
	 */
	private long inInboxAllTheSame(Set<UUID> missing) throws InterruptedException {
		long there = 0;
		int asked = 0;
		for (UUID alertId : missing) {
			if (asked++ >= CHECKED_AT_MOST) {
				break;
			}
			try {
				if (this.stack.inboxEntry(StackClients.HOUAPHAN, alertId) != null) {
					there++;
				}
			}
			catch (IOException ex) {
				log.warn("Could not ask Houaphan's desk API about alert {}: {}", alertId, ex.toString());
			}
		}
		return there;
	}

}
