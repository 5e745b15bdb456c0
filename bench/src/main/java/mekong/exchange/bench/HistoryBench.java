package mekong.exchange.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditAction;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Person;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.stack.LocalStack;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a year of history costs a node, loaded through the exchange's real path: alerts
 * written to Son La's outbox as a partner system writes them ({@link Feeds}: Son La's
 * Kafka login and signature), routed by Son La's sending side into Houaphan's inbox and
 * taken by Houaphan's receiving side; an alert counts as loaded once its RECEIVED is
 * committed in Son La's acks topic (read_committed). It measures the load's throughput
 * (at most {@value #IN_FLIGHT} alerts on their way), the heap after GC (sampled during
 * the load, and idle after it: both nodes hold the alerts), the stack's data folder on
 * disk, Houaphan's desk API (HdrHistogram: an inbox page of 50, the pages its
 * {@code Link} headers lead to, an entry, a search by name), Houaphan's restart (after a
 * clean stop, and with its state restored from the changelogs), and the erasure of every
 * alert once it expired.
 * <p>
 * Each alert's {@code expiresAt} (which can only shorten the retention of the stack's
 * agreement, a year) is when a load at {@value #ASSUMED_RATE} alerts/s would end, plus
 * two minutes, and never less than two minutes after the alert is sent. Until the erasure
 * is measured, the nodes check their retention as often as by default but erase at most
 * {@value #ERASED_PER_CHECK_BEFORE} alert per task and check, so that alerts which expire
 * while the load, the queries or the restarts run hardly change what those measure,
 * however long they take. Once every alert expired, Houaphan is restarted with a check
 * every second and at most {@value #ERASED_PER_CHECK_VALUE} erasures per task and check,
 * and the harness counts the ERASED events of Houaphan's audit topic until every alert is
 * erased.
 * <p>
 * Like the end-to-end harness it drives the nodes only through what they offer anyone
 * ({@link StackClients}), and stops and starts Houaphan through {@link LocalStack}. Run
 * with {@code ./mvnw -q -pl bench exec:exec@history} after installing the project
 * (BENCHMARKS.md); fewer alerts with {@code -Dhistory.alerts=20000}.
 */
public final class HistoryBench {

	private static final Logger log = LoggerFactory.getLogger(HistoryBench.class);

	/** The Spring properties of the retention check, read by the nodes of this JVM. */
	static final String CHECK_INTERVAL = "mekong.retention.check-interval";

	static final String ERASED_PER_CHECK = "mekong.retention.erased-per-check";

	/** Erasures per task and check until the erasure is measured. */
	static final int ERASED_PER_CHECK_BEFORE = 1;

	static final int ERASED_PER_CHECK_VALUE = 20_000;

	static final int IN_FLIGHT = 10_000;

	/** A little below the baseline's 2,726 alerts/s into the inbox view. */
	static final int ASSUMED_RATE = 2_000;

	static final Duration EXPIRY_MARGIN = Duration.ofMinutes(2);

	/** How long a wait goes on without progress before the harness gives up. */
	static final Duration STALL = Duration.ofMinutes(5);

	/** How long a restarted node may take to answer its desks. */
	static final Duration START_PATIENCE = Duration.ofMinutes(30);

	static final int HEAP_SAMPLES = 10;

	static final int SAMPLED_ALERTS = 1_000;

	static final String[] SYLLABLES = { "vang", "de", "mua", "kia", "lo", "van", "hung", "giang", "pao", "sung", "thao",
			"ly", "chu", "seo", "lau", "tong", "xay", "cha", "dua", "ma", "pha", "khamphone", "somsak", "bounmy", "keo",
			"phet", "sone", "thong", "nguyen", "tran", "le", "pham", "hoang", "vu", "dang", "bui", "do", "ho", "ngo",
			"duong" };

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The header in which the nodes say why they dead-lettered a record. */
	private static final String DEAD_LETTER_REASON = "mekong-dlq-reason";

	private final StackClients stack;

	private final ContractCodec codec;

	private final int alerts;

	private final Report report = new Report();

	/**
	 * What the ids of this run's alerts share, so that a reader knows them from others.
	 */
	private final long run = new Random().nextLong();

	private final Seen received;

	private final Seen erased;

	private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

	private final List<UUID> sampleIds = new ArrayList<>();

	private final List<String> sampleNames = new ArrayList<>();

	private Instant loadBegan;

	private Instant firstExpiry;

	private Instant lastExpiry = Instant.EPOCH;

	private HistoryBench(StackClients stack, int alerts) {
		this.stack = stack;
		this.codec = new ContractCodec(stack.registry());
		this.alerts = alerts;
		this.received = new Seen(alerts);
		this.erased = new Seen(alerts);
	}

	public static void main(String[] args) throws Exception {
		int alerts = argument(args, "alerts", 1_000_000);
		int queries = argument(args, "queries", 2_000);
		System.setProperty(ERASED_PER_CHECK, String.valueOf(ERASED_PER_CHECK_BEFORE));
		Path data = Files.createTempDirectory("mekong-history-");
		try (LocalStack stack = LocalStack.start(data, StackMachine.freePorts())) {
			// Ctrl-C must not leave the registry's child process running.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "history-stack-stop"));
			HistoryBench bench = new HistoryBench(new StackClients(stack, data), alerts);
			try {
				bench.run(queries);
			}
			finally {
				Path results = StackMachine.writeReport("history", bench.report.text());
				log.info("History results (also in {}):\n{}", results, bench.report.text());
			}
		}
		finally {
			StackMachine.deleteRecursively(data);
		}
	}

	private static int argument(String[] args, String name, int otherwise) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return Integer.parseInt(arg.substring(name.length() + 3).replace("_", ""));
			}
		}
		return otherwise;
	}

	private void run(int queries) throws Exception {
		line("# Mekong Exchange history: Houaphan (LA-HO) with %,d alerts in its inbox, loaded through Son La's "
				+ "outbox and router", this.alerts);
		line("");
		line("Run on %s; JVM %s, %d processors, max heap %d MB", LocalDate.now(), Runtime.version(),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		String acks = Topics.acks(StackClients.SON_LA).name();
		try (TopicTail receipts = TopicTail.from(acks, this.stack.brokerOf(StackClients.SON_LA).adminSettings(),
				(record) -> {
					if (this.codec.decode(acks, record.headers(), record.value()) instanceof Acknowledgement ack
							&& ack.getStatus() == AckStatus.RECEIVED && ack.getRevision() == 1
							&& StackClients.HOUAPHAN.code().equals(ack.getRecipientNode())) {
						int index = indexOf(ack.getAlertId());
						if (index >= 0 && this.received.mark(index)) {
							this.inFlight.release();
						}
					}
				})) {
			long idleHeap = StackMachine.heapAfterGc();
			long idleRss = StackMachine.residentKilobytes();
			double loaded = load(idleHeap);
			state(idleHeap, idleRss, loaded);
		}
		queries(queries, "With " + String.format("%,d", this.alerts) + " alerts");
		restarts();
		queries(queries / 4, "After the restarts");
		erasure();
	}

	/**
	 * Loads the alerts; returns the seconds from the first sent until every one was
	 * received.
	 */
	private double load(long idleHeap) throws Exception {
		Random random = new Random(42);
		String outbox = Topics.outbox(StackClients.SON_LA).name();
		int sampleEvery = Math.max(1, this.alerts / HEAP_SAMPLES);
		int sampleIdEvery = Math.max(1, this.alerts / SAMPLED_ALERTS);
		List<HeapSample> samples = new ArrayList<>();
		long started = System.nanoTime();
		this.loadBegan = Instant.now();
		Instant planned = this.loadBegan.plusSeconds(this.alerts / ASSUMED_RATE).plus(EXPIRY_MARGIN);
		double written;
		try (KafkaProducer<String, Object> producer = Feeds.sonLasProducer(this.stack, this.codec)) {
			for (int i = 0; i < this.alerts; i++) {
				if (!this.inFlight.tryAcquire(STALL.toSeconds(), TimeUnit.SECONDS)) {
					throw new IllegalStateException("No RECEIVED for " + STALL + " with " + IN_FLIGHT
							+ " alerts on their way; " + this.received.count() + " of " + i + " sent received");
				}
				Alert alert = withPersons(BenchAlerts.next(i, idOf(i)), random);
				Instant expiry = Instant.now().plus(EXPIRY_MARGIN);
				alert.setExpiresAt(expiry.isAfter(planned) ? expiry : planned);
				if (this.firstExpiry == null) {
					this.firstExpiry = alert.getExpiresAt();
				}
				if (alert.getExpiresAt().isAfter(this.lastExpiry)) {
					this.lastExpiry = alert.getExpiresAt();
				}
				if (i % sampleIdEvery == 0) {
					this.sampleIds.add(alert.getAlertId());
					if (alert.getPayload() instanceof SuspectAlert suspects) {
						this.sampleNames.add(suspects.getPersons().get(0).getFullName());
					}
				}
				producer.send(new ProducerRecord<>(outbox, alert.getAlertId().toString(), alert), Feeds::failed);
				if ((i + 1) % sampleEvery == 0) {
					samples.add(new HeapSample(i + 1, this.received.count(), (System.nanoTime() - started) / 1e9,
							StackMachine.heapAfterGc(),
							StackMachine.sizeOf(stateOf(this.stack.data(), StackClients.HOUAPHAN.code()))));
					log.info("Sent {} alerts, {} received", i + 1, this.received.count());
				}
			}
			written = (System.nanoTime() - started) / 1e9;
		}
		boolean complete = await(this.received, this.alerts);
		double loaded = (this.received.lastNanos() - started) / 1e9;
		line("");
		line("## Load: %,d alerts into Son La's outbox, routed to Houaphan", this.alerts);
		line("");
		line("All written after %.1f s; all RECEIVED (exchange.VN-05.acks, read_committed) after %.1f s: **%,.0f "
				+ "alerts/s** (at most %,d on their way; %d pauses for a heap sample included)", written, loaded,
				this.received.count() / loaded, IN_FLIGHT, samples.size());
		line("Lost (no RECEIVED%s) / RECEIVED twice: %,d / %,d", complete ? "" : " within " + STALL + " of no progress",
				this.alerts - this.received.count(), this.received.twice());
		line("");
		line("Heap after GC during the load (both nodes and the harness; %d MB at idle before it):", idleHeap >> 20);
		line("");
		line("| alerts sent | alerts RECEIVED | s | heap after GC MB | above idle MB | above idle, bytes per alert "
				+ "RECEIVED | Houaphan's state MB |");
		line("|---:|---:|---:|---:|---:|---:|---:|");
		for (HeapSample sample : samples) {
			line("| %,d | %,d | %.1f | %,d | %,d | %,d | %,d |", sample.sent(), sample.received(), sample.seconds(),
					sample.heap() >> 20, (sample.heap() - idleHeap) >> 20,
					(sample.heap() - idleHeap) / Math.max(1, sample.received()), sample.houaphanState() >> 20);
		}
		return loaded;
	}

	private void state(long idleHeap, long idleRss, double loaded) throws Exception {
		Thread.sleep(3_000);
		long heldHeap = StackMachine.heapAfterGc();
		long rss = StackMachine.residentKilobytes();
		Disk disk = Disk.of(this.stack.data());
		line("");
		line("## State at %,d alerts, idle", this.alerts);
		line("");
		line("Heap in use after GC: %,d MB before the load, %,d MB after it: %,d bytes per alert", idleHeap >> 20,
				heldHeap >> 20, (heldHeap - idleHeap) / this.alerts);
		line("Resident memory of the stack's JVM: %,d MB before the load, %,d MB after it", idleRss >> 10, rss >> 10);
		line("Data folder: %,d MB in all; the broker's folder %,d MB, of which log segments %,d MB (the rest mostly "
				+ "indexes Kafka preallocates); Houaphan's state %,d MB (%,d bytes per alert); Son La's state %,d MB",
				disk.total() >> 20, disk.broker() >> 20, disk.logs() >> 20, disk.houaphan() >> 20,
				disk.houaphan() / this.alerts, disk.sonLa() >> 20);
		line("The alerts expire (expiresAt) %,d s to %,d s after the load began; it took %.0f s",
				Duration.between(this.loadBegan, this.firstExpiry).toSeconds(),
				Duration.between(this.loadBegan, this.lastExpiry).toSeconds(), loaded);
	}

	private void queries(int count, String title) throws Exception {
		String desk = this.stack.deskUrl(StackClients.HOUAPHAN);
		String firstPage = desk + "/api/v1/inbox?limit=50";
		Random random = new Random(7);
		line("");
		line("## %s: Houaphan's desk API, %,d requests each after %,d to warm up (ms)", title, count, count / 10);
		line("");
		line("| query | p50 | p99 | p99.9 | max |");
		line("|---|---:|---:|---:|---:|");
		Histogram page = measure("inbox page of 50", count, () -> firstPage);
		measure("inbox page of 50, IMMEDIATE only", count, () -> firstPage + "&priority=IMMEDIATE");
		measureNextPages(count, firstPage);
		measure("one entry with its links", count,
				() -> desk + "/api/v1/inbox/" + this.sampleIds.get(random.nextInt(this.sampleIds.size())));
		measure("search by name", count, () -> firstPage + "&name=" + URLEncoder
			.encode(this.sampleNames.get(random.nextInt(this.sampleNames.size())), StandardCharsets.UTF_8));
		double p99 = page.getValueAtPercentile(99) / 1000.0;
		line("");
		line("Inbox page of 50: p99 %.1f ms (goal: at most 50 ms: %s)", p99, (p99 <= 50) ? "met" : "NOT met");
	}

	/**
	 * Times {@code count} requests after a tenth as many to warm up; an entry erased
	 * already (see {@link #ERASED_PER_CHECK_BEFORE}) answers 410, is timed too, and
	 * counted.
	 */
	private Histogram measure(String name, int count, Supplier<String> urls) throws Exception {
		Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
		int erasedAlready = 0;
		for (int i = 0; i < count / 10 + count; i++) {
			String url = urls.get();
			String token = this.stack.deskToken(StackClients.HOUAPHAN);
			long started = System.nanoTime();
			HttpResponse<byte[]> answer = get(url, token);
			long elapsed = (System.nanoTime() - started) / 1_000;
			if (answer.statusCode() == 410) {
				erasedAlready++;
			}
			else {
				requireOk(answer, url);
			}
			if (i >= count / 10) {
				micros.recordValue(Math.min(micros.getHighestTrackableValue(), elapsed));
			}
		}
		row((erasedAlready > 0) ? name + " (" + erasedAlready + " answered 410: erased)" : name, micros);
		return micros;
	}

	/**
	 * Times the pages the {@code Link} headers lead to, from the first page on, each page
	 * the next of the last one timed, back to the first page once there is no next.
	 */
	private void measureNextPages(int count, String firstPage) throws Exception {
		Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
		String next = null;
		int deepest = 0;
		int depth = 0;
		for (int i = 0; i < count / 10 + count; i++) {
			if (next == null) {
				next = nextOf(requireOk(get(firstPage, this.stack.deskToken(StackClients.HOUAPHAN)), firstPage));
				depth = 1;
				if (next == null) {
					line("| next page of 50 (Link rel=\"next\") | no next page | | | |");
					return;
				}
			}
			String token = this.stack.deskToken(StackClients.HOUAPHAN);
			long started = System.nanoTime();
			HttpResponse<byte[]> answer = get(next, token);
			long elapsed = (System.nanoTime() - started) / 1_000;
			next = nextOf(requireOk(answer, next));
			deepest = Math.max(deepest, ++depth);
			if (i >= count / 10) {
				micros.recordValue(Math.min(micros.getHighestTrackableValue(), elapsed));
			}
		}
		row(String.format("next page of 50 (Link rel=\"next\"; pages 2 to %,d)", deepest), micros);
	}

	private void row(String name, Histogram micros) {
		line("| %s | %.2f | %.2f | %.2f | %.2f |", name, micros.getValueAtPercentile(50) / 1000.0,
				micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
				micros.getMaxValue() / 1000.0);
	}

	private void restarts() throws Exception {
		line("");
		line("## Restart of Houaphan's node (s from the start; it started once LocalStack.startNode returned)");
		line("");
		line("A task restored from its changelogs rebuilds its indexes (the lists) a step at a time "
				+ "(mekong.streams.upkeep-step every commit interval) while it takes records; until then a page "
				+ "of 50 answers 503.");
		line("");
		line("| restart | started | an entry answered | a page of 50 answered |");
		line("|---|---:|---:|---:|");
		double[] clean = restart("after a clean stop", false);
		restart("with its state folder deleted, restored from the changelogs", true);
		line("");
		line("After a clean stop, an entry answered after %.1f s and a page after %.1f s (goal: at most 10 s: %s)",
				clean[0], clean[1], (Math.max(clean[0], clean[1]) <= 10) ? "met" : "NOT met");
	}

	/**
	 * Restarts Houaphan; returns the seconds until an entry answered, and until a page of
	 * 50 did.
	 */
	private double[] restart(String name, boolean withoutState) throws Exception {
		String houaphan = StackClients.HOUAPHAN.code();
		this.stack.stack().stopNode(houaphan);
		if (withoutState) {
			StackMachine.deleteRecursively(stateOf(this.stack.data(), houaphan));
		}
		long began = System.nanoTime();
		this.stack.stack().startNode(houaphan);
		double started = (System.nanoTime() - began) / 1e9;
		String desk = this.stack.deskUrl(StackClients.HOUAPHAN);
		double entry = secondsUntil(began, desk + "/api/v1/inbox/" + this.sampleIds.get(0),
				(answer) -> answer.statusCode() == 200 || answer.statusCode() == 410);
		int expected = Math.min(50, this.alerts);
		double page = secondsUntil(began, desk + "/api/v1/inbox?limit=50", (answer) -> answer.statusCode() == 200
				&& entries(new String(answer.body(), StandardCharsets.UTF_8)).size() >= expected);
		line("| %s | %.1f | %.1f | %.1f |", name, started, entry, page);
		return new double[] { entry, page };
	}

	/**
	 * Seconds from {@code began} until {@code url} answers as {@code ready} accepts (an
	 * alert erased already answers 410 once the node serves its desks).
	 */
	private double secondsUntil(long began, String url, Predicate<HttpResponse<byte[]>> ready) throws Exception {
		long deadline = System.nanoTime() + START_PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (ready.test(get(url, this.stack.deskToken(StackClients.HOUAPHAN)))) {
					return (System.nanoTime() - began) / 1e9;
				}
			}
			catch (IOException notYet) {
				log.debug("{} does not answer yet: {}", url, notYet.toString());
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		throw new IllegalStateException(url + " did not answer within " + START_PATIENCE);
	}

	private void erasure() throws Exception {
		Duration wait = Duration.between(Instant.now(), this.lastExpiry).plusSeconds(1);
		if (!wait.isNegative()) {
			log.info("Waiting {} s until every alert expired", wait.toSeconds());
			Thread.sleep(wait.toMillis());
		}
		line("");
		line("## Erasure: every alert expired (the last %,d s ago), Houaphan restarted with a retention check every "
				+ "second and at most %,d erasures per task and check",
				Duration.between(this.lastExpiry, Instant.now()).toSeconds(), ERASED_PER_CHECK_VALUE);
		long[] kept = sampleAnswers();
		Disk before = Disk.of(this.stack.data());
		System.setProperty(CHECK_INTERVAL, "1s");
		System.setProperty(ERASED_PER_CHECK, String.valueOf(ERASED_PER_CHECK_VALUE));
		String audit = Topics.audit(StackClients.HOUAPHAN).name();
		Span erasing = new Span();
		long early;
		Instant restarted;
		double started;
		boolean complete;
		try (TopicTail erasures = TopicTail.fromStart(audit, this.stack.brokerOf(StackClients.HOUAPHAN).adminSettings(),
				(record) -> {
					int index = (record.key() != null) ? indexOf(UUID.fromString(record.key())) : -1;
					if (index >= 0
							&& this.codec.decode(audit, record.headers(), record.value()) instanceof AuditEvent event
							&& event.getAction() == AuditAction.ERASED && this.erased.mark(index)) {
						erasing.add(event.getAt());
					}
				})) {
			while (!erasures.caughtUp()) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
			}
			early = this.erased.count();
			String houaphan = StackClients.HOUAPHAN.code();
			this.stack.stack().stopNode(houaphan);
			restarted = Instant.now();
			erasing.countFrom(restarted);
			long began = System.nanoTime();
			this.stack.stack().startNode(houaphan);
			started = (System.nanoTime() - began) / 1e9;
			complete = await(this.erased, this.alerts);
			Thread.sleep(3_000);
		}
		Disk after = Disk.of(this.stack.data());
		long[] gone = sampleAnswers();
		String desk = this.stack.deskUrl(StackClients.HOUAPHAN);
		List<UUID> listed = entries(body(desk + "/api/v1/inbox?limit=50"));
		List<UUID> listedAll = entries(body(desk + "/api/v1/inbox?limit=50&state=ALL"));
		line("");
		line("| | |");
		line("|---|---|");
		line("| before: sample entries answering 200 / 410 / otherwise | %,d / %,d / %,d |", kept[0], kept[1], kept[2]);
		line("| erased before (at most %d per task and check, as they expired) | %,d |", ERASED_PER_CHECK_BEFORE,
				early);
		line("| Houaphan started again (LocalStack.startNode returned) | %.1f s |", started);
		line("| ERASED events of the run's alerts in exchange.LA-HO.audit (read_committed) | %,d of %,d%s; %,d "
				+ "twice |", this.erased.count(), this.alerts, complete ? "" : " (NO progress for " + STALL + ")",
				this.erased.twice());
		Instant first = erasing.first();
		if (first != null) {
			Instant last = erasing.last();
			line("| first / last ERASED since the restart began (the events' times) | %.1f s / **%.1f s** |",
					Duration.between(restarted, first).toMillis() / 1e3,
					Duration.between(restarted, last).toMillis() / 1e3);
			line("| erased per second, first to last | **%,.0f** |",
					(this.erased.count() - early) / Math.max(0.001, Duration.between(first, last).toMillis() / 1e3));
		}
		line("| after: sample entries answering 200 / 410 / otherwise | %,d / %,d / %,d |", gone[0], gone[1], gone[2]);
		line("| after: entries listed, `GET /api/v1/inbox?limit=50` / with `state=ALL` (of this run's alerts) | "
				+ "%,d (%,d) / %,d (%,d) |", listed.size(), ours(listed), listedAll.size(), ours(listedAll));
		String houaphan = StackClients.HOUAPHAN.code();
		this.stack.stack().stopNode(houaphan);
		this.stack.stack().startNode(houaphan);
		Thread.sleep(10_000);
		Disk restartedDisk = Disk.of(this.stack.data());
		line("");
		line("Disk (MB; RocksDB reclaims space as it compacts, and the changelogs as the broker compacts them):");
		line("");
		line("| | data folder | broker's folder | broker's log segments | Houaphan's state | Son La's state |");
		line("|---|---:|---:|---:|---:|---:|");
		line(before.row("before the erasure"));
		line(after.row("once every alert was erased, 3 s later"));
		line(restartedDisk.row("after a clean restart of Houaphan, 10 s later"));
		line("");
		line("Dead-letter records (exchange.<node>.dlq, read_committed, from the start): %s", deadLetters());
	}

	/** How many records each node's dead-letter topic holds, and for what reasons. */
	private String deadLetters() {
		List<String> nodes = new ArrayList<>();
		for (NodeId node : List.of(StackClients.SON_LA, StackClients.HOUAPHAN, NodeId.of("VN-21"))) {
			Map<String, Integer> reasons = new TreeMap<>();
			try (TopicTail letters = TopicTail.fromStart(Topics.dlq(node).name(),
					this.stack.brokerOf(node).adminSettings(), (record) -> {
						Header reason = record.headers().lastHeader(DEAD_LETTER_REASON);
						reasons.merge((reason != null) ? new String(reason.value(), StandardCharsets.UTF_8) : "?", 1,
								Integer::sum);
					})) {
				while (!letters.caughtUp()) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			nodes.add(node + " " + reasons.values().stream().mapToInt(Integer::intValue).sum()
					+ (reasons.isEmpty() ? "" : " " + reasons));
		}
		return String.join(", ", nodes);
	}

	/**
	 * How the sampled alerts answer at Houaphan's desk API: 200 (held), 410 (erased),
	 * otherwise.
	 */
	private long[] sampleAnswers() throws Exception {
		long[] answers = new long[3];
		String desk = this.stack.deskUrl(StackClients.HOUAPHAN);
		for (UUID alertId : this.sampleIds) {
			int status = get(desk + "/api/v1/inbox/" + alertId, this.stack.deskToken(StackClients.HOUAPHAN))
				.statusCode();
			answers[(status == 200) ? 0 : (status == 410) ? 1 : 2]++;
		}
		return answers;
	}

	/**
	 * Waits until {@code seen} counts every alert; false if it made no progress for
	 * {@link #STALL} before.
	 */
	private boolean await(Seen seen, long expected) {
		long count = -1;
		long progressed = System.nanoTime();
		while (seen.count() < expected) {
			long now = System.nanoTime();
			if (seen.count() != count) {
				count = seen.count();
				progressed = now;
			}
			else if (now - progressed > STALL.toNanos()) {
				log.warn("{} of {} seen, none for {}; giving up", count, expected, STALL);
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
		return true;
	}

	private HttpResponse<byte[]> get(String url, String token) throws IOException, InterruptedException {
		return this.stack.http()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(60))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private String body(String url) throws Exception {
		return new String(requireOk(get(url, this.stack.deskToken(StackClients.HOUAPHAN)), url).body(),
				StandardCharsets.UTF_8);
	}

	private static HttpResponse<byte[]> requireOk(HttpResponse<byte[]> answer, String url) {
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + answer.statusCode() + ": "
					+ new String(answer.body(), StandardCharsets.UTF_8));
		}
		return answer;
	}

	private static String nextOf(HttpResponse<?> answer) {
		return answer.headers()
			.firstValue("Link")
			.map(NEXT::matcher)
			.filter(Matcher::find)
			.map((link) -> link.group(1))
			.orElse(null);
	}

	/** The alert ids of a list of entries the desk API answered. */
	private static List<UUID> entries(String list) {
		try {
			List<UUID> alertIds = new ArrayList<>();
			JSON.readTree(list).forEach((entry) -> alertIds.add(UUID.fromString(entry.path("alertId").asText())));
			return alertIds;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Not a list of inbox entries: " + list, ex);
		}
	}

	private long ours(List<UUID> alertIds) {
		return alertIds.stream().filter((alertId) -> indexOf(alertId) >= 0).count();
	}

	/**
	 * The id of the {@code index}-th alert: scattered as random ids are, so that the
	 * nodes' stores do not get their keys in order, and telling its index back.
	 */
	private UUID idOf(int index) {
		return new UUID(mix(this.run + index), (this.run << 32) | index);
	}

	/** The index of an alert of this run, -1 for any other alert. */
	private int indexOf(UUID alertId) {
		long low = alertId.getLeastSignificantBits();
		int index = (int) low;
		boolean ours = (low >>> 32) == (this.run & 0xFFFFFFFFL) && index >= 0 && index < this.alerts
				&& alertId.getMostSignificantBits() == mix(this.run + index);
		return ours ? index : -1;
	}

	/** MurmurHash3's finalizer. */
	private static long mix(long value) {
		long mixed = (value ^ (value >>> 33)) * 0xff51afd7ed558ccdL;
		mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return mixed ^ (mixed >>> 33);
	}

	/**
	 * Every suspect gets a name of its own, so that the name index holds as many names as
	 * a real one.
	 */
	private static Alert withPersons(Alert alert, Random random) {
		if (alert.getPayload() instanceof SuspectAlert suspects) {
			for (Person person : suspects.getPersons()) {
				person.setFullName(name(random));
				person.setBirthYear(1950 + random.nextInt(55));
				person.setAgeAtReport(null);
				person.setRelationships(List.of());
			}
		}
		return alert;
	}

	private static String name(Random random) {
		StringBuilder name = new StringBuilder();
		for (int word = 0; word < 3; word++) {
			String syllable = SYLLABLES[random.nextInt(SYLLABLES.length)];
			name.append((word > 0) ? " " : "")
				.append(Character.toUpperCase(syllable.charAt(0)))
				.append(syllable.substring(1));
		}
		return name.toString();
	}

	private static Path stateOf(Path data, String node) {
		return data.resolve("streams").resolve(node);
	}

	private void line(String format, Object... arguments) {
		this.report.line(format, arguments);
	}

	/** The heap after GC and Houaphan's state on disk at one moment of the load. */
	private record HeapSample(long sent, long received, double seconds, long heap, long houaphanState) {
	}

	/**
	 * The stack's data folder in bytes: all, the broker's folder and its log segments,
	 * the nodes' state.
	 */
	private record Disk(long total, long broker, long logs, long houaphan, long sonLa) {

		static Disk of(Path data) throws IOException {
			return new Disk(StackMachine.sizeOf(data), StackMachine.sizeOf(data.resolve("kafka")),
					StackMachine.sizeOf(data.resolve("kafka"), ".log"),
					StackMachine.sizeOf(stateOf(data, StackClients.HOUAPHAN.code())),
					StackMachine.sizeOf(stateOf(data, StackClients.SON_LA.code())));
		}

		String row(String when) {
			return String.format("| %s | %,d | %,d | %,d | %,d | %,d |", when, this.total >> 20, this.broker >> 20,
					this.logs >> 20, this.houaphan >> 20, this.sonLa >> 20);
		}

	}

	/** The first and the last of the moments something happened from some moment on. */
	private static final class Span {

		private volatile Instant since;

		private Instant first;

		private Instant last;

		/** Counts the moments from {@code moment} on; none before it is told. */
		void countFrom(Instant moment) {
			this.since = moment;
		}

		synchronized void add(Instant moment) {
			Instant from = this.since;
			if (from == null || moment.isBefore(from)) {
				return;
			}
			if (this.first == null || moment.isBefore(this.first)) {
				this.first = moment;
			}
			if (this.last == null || moment.isAfter(this.last)) {
				this.last = moment;
			}
		}

		synchronized Instant first() {
			return this.first;
		}

		synchronized Instant last() {
			return this.last;
		}

	}

	/** Which alerts of the run a reader saw, once or more often. */
	private static final class Seen {

		private final BitSet once;

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong twice = new AtomicLong();

		private volatile long lastNanos;

		Seen(int alerts) {
			this.once = new BitSet(alerts);
		}

		/** Whether alert {@code index} is seen for the first time. */
		synchronized boolean mark(int index) {
			if (this.once.get(index)) {
				this.twice.incrementAndGet();
				return false;
			}
			this.once.set(index);
			this.count.incrementAndGet();
			this.lastNanos = System.nanoTime();
			return true;
		}

		long count() {
			return this.count.get();
		}

		long twice() {
			return this.twice.get();
		}

		long lastNanos() {
			return this.lastNanos;
		}

	}

}
