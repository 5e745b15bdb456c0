package mekong.exchange.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Person;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.consumer.inbox.InboxWatchers;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.stack.LocalStack;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ProducerFactory;

/**
 * What a year of history costs a node: loads Houaphan's inbox with a given number of
 * alerts through its receiver (signed by Son La, written where Son La's router writes
 * them), then measures the heap after GC, the state on disk, an inbox page of 50, an
 * entry with its possibly-same persons and a search by name (HdrHistogram, through the
 * desk API), and Houaphan's restart: after a clean stop, and with its state stores
 * restored from their changelogs (what exactly-once processing does after a SIGKILL). Son
 * La's node is stopped once its producer settings are taken: its sender view is still
 * kept in the heap, and this measures the consumer side.
 */
public final class HistoryBench {

	private static final Logger log = LoggerFactory.getLogger(HistoryBench.class);

	static final String HOUAPHAN = "LA-HO";

	static final String[] SYLLABLES = { "vang", "de", "mua", "kia", "lo", "van", "hung", "giang", "pao", "sung", "thao",
			"ly", "chu", "seo", "lau", "tong", "xay", "cha", "dua", "ma", "pha", "khamphone", "somsak", "bounmy", "keo",
			"phet", "sone", "thong", "nguyen", "tran", "le", "pham", "hoang", "vu", "dang", "bui", "do", "ho", "ngo",
			"duong" };

	private final LocalStack stack;

	private final Path data;

	private final StringBuilder report = new StringBuilder();

	private String token;

	private final HttpClient http = HttpClient.newHttpClient();

	private final LongAdder taken = new LongAdder();

	private final List<String> sampleIds = new ArrayList<>();

	private final List<String> sampleNames = new ArrayList<>();

	private HistoryBench(LocalStack stack, Path data) {
		this.stack = stack;
		this.data = data;
	}

	public static void main(String[] args) throws Exception {
		int alerts = (args.length > 0) ? Integer.parseInt(args[0].replaceFirst("^--alerts=", "")) : 1_000_000;
		int queries = (args.length > 1) ? Integer.parseInt(args[1].replaceFirst("^--queries=", "")) : 2_000;
		Path data = Files.createTempDirectory("mekong-history-");
		try (LocalStack stack = LocalStack.start(data, StackMachine.freePorts())) {
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "history-stack-stop"));
			HistoryBench bench = new HistoryBench(stack, data);
			bench.run(alerts, queries);
			Path results = StackMachine.writeReport("history", bench.report);
			log.info("History results (also in {}):\n{}", results, bench.report);
		}
		finally {
			StackMachine.deleteRecursively(data);
		}
	}

	private void run(int alerts, int queries) throws Exception {
		line("Mekong Exchange history: Houaphan (LA-HO) with %,d alerts in its inbox", alerts);
		line("JVM %s, %d processors, max heap %d MB", Runtime.version(), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20);
		@SuppressWarnings("unchecked")
		ProducerFactory<String, Object> sonLa = this.stack.node("VN-05").getBean(ProducerFactory.class);
		Map<String, Object> settings = new HashMap<>(sonLa.getConfigurationProperties());
		settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		Serializer<Object> signedAvro = sonLa.getValueSerializerSupplier().get();
		this.stack.stopNode("VN-05");
		watchHouaphan();
		long idleHeap = StackMachine.heapAfterGc();
		line("Heap in use after GC with empty inboxes: %d MB", idleHeap >> 20);

		load(alerts, settings, signedAvro);
		long heldHeap = StackMachine.heapAfterGc();
		line("");
		line("## State at %,d alerts", alerts);
		line("Heap in use after GC: %d MB (%+d MB against empty inboxes)", heldHeap >> 20, (heldHeap - idleHeap) >> 20);
		long stores = StackMachine.sizeOf(this.data.resolve("streams").resolve(HOUAPHAN));
		line("Houaphan's state stores on disk: %d MB, %d bytes per alert", stores >> 20, stores / alerts);
		line("Kafka's log segments on disk (all topics, changelogs included): %d MB",
				StackMachine.sizeOf(this.data.resolve("kafka"), ".log") >> 20);

		queries(queries);

		line("");
		line("## Restart of Houaphan's node (desk API answering an entry again)");
		long clean = restart(false);
		line("After a clean stop: ready in %.1f s", clean / 1e9);
		long restored = restart(true);
		line("With its state stores deleted, restored from their changelogs: ready in %.1f s", restored / 1e9);
		queries(queries / 4);
	}

	private void watchHouaphan() {
		this.stack.node(HOUAPHAN).getBean(InboxWatchers.class).watch((alertId) -> this.taken.increment());
	}

	private void load(int alerts, Map<String, Object> settings, Serializer<Object> signedAvro) {
		Random random = new Random(42);
		String inbox = Topics.inbox(NodeId.of(HOUAPHAN)).name();
		long started = System.nanoTime();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(settings, new StringSerializer(),
				signedAvro)) {
			for (int i = 0; i < alerts; i++) {
				Alert alert = withPersons(BenchAlerts.next(i), random);
				if (i % Math.max(1, alerts / 1_000) == 0) {
					this.sampleIds.add(alert.getAlertId().toString());
					if (alert.getPayload() instanceof SuspectAlert suspects) {
						this.sampleNames.add(suspects.getPersons().get(0).getFullName());
					}
				}
				producer.send(new ProducerRecord<>(inbox, alert.getAlertId().toString(), alert), (sent, failure) -> {
					if (failure != null) {
						log.error("Could not load an alert", failure);
					}
				});
				if (i > 0 && i % 100_000 == 0) {
					log.info("Loaded {} alerts, {} in the inbox", i, this.taken.sum());
				}
			}
		}
		double written = (System.nanoTime() - started) / 1e9;
		while (this.taken.sum() < alerts) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		line("Loaded %,d alerts in %.1f s (written in %.1f s): %.0f alerts/s into the inbox view", alerts, seconds,
				written, alerts / seconds);
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

	private void queries(int count) throws Exception {
		String desk = this.stack.deskUrl(HOUAPHAN);
		Random random = new Random(7);
		line("");
		line("## Desk API at Houaphan, %d requests each after %d to warm up (ms)", count, count / 10);
		line("%-34s %8s %8s %8s %8s", "query", "p50", "p99", "p99.9", "max");
		measure("inbox page of 50", count, () -> desk + "/api/v1/inbox?limit=50");
		measure("inbox page of 50, IMMEDIATE only", count, () -> desk + "/api/v1/inbox?limit=50&priority=IMMEDIATE");
		measure("one entry with its links", count,
				() -> desk + "/api/v1/inbox/" + this.sampleIds.get(random.nextInt(this.sampleIds.size())));
		measure("search by name", count, () -> desk + "/api/v1/inbox?limit=50&name=" + URLEncoder
			.encode(this.sampleNames.get(random.nextInt(this.sampleNames.size())), StandardCharsets.UTF_8));
	}

	private void measure(String name, int count, Supplier<String> urls) throws Exception {
		renewToken();
		Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
		for (int i = 0; i < count / 10; i++) {
			get(urls.get());
		}
		for (int i = 0; i < count; i++) {
			String url = urls.get();
			long started = System.nanoTime();
			get(url);
			micros.recordValue(Math.min(micros.getHighestTrackableValue(), (System.nanoTime() - started) / 1_000));
		}
		line("%-34s %8.2f %8.2f %8.2f %8.2f", name, micros.getValueAtPercentile(50) / 1000.0,
				micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
				micros.getMaxValue() / 1000.0);
	}

	/**
	 * A fresh token of Houaphan's desk from the stack's identity provider, asked outside
	 * the timings (tokens last 5 minutes; a series of calls lasts less).
	 */
	private void renewToken() {
		this.token = this.stack.deskToken("desk.laho", "demo-laho");
	}

	private int get(String url) throws Exception {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode());
		}
		return response.body().length;
	}

	/** Restarts Houaphan's node and returns the nanoseconds until an entry is served. */
	private long restart(boolean withoutState) throws Exception {
		this.stack.stopNode(HOUAPHAN);
		if (withoutState) {
			StackMachine.deleteRecursively(this.data.resolve("streams").resolve(HOUAPHAN));
		}
		renewToken();
		long started = System.nanoTime();
		this.stack.startNode(HOUAPHAN);
		String entry = this.stack.deskUrl(HOUAPHAN) + "/api/v1/inbox/" + this.sampleIds.get(0);
		while (true) {
			try {
				get(entry);
				long ready = System.nanoTime() - started;
				watchHouaphan();
				return ready;
			}
			catch (IllegalStateException | IOException notYet) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
			}
		}
	}

	private void line(String format, Object... args) {
		String text = String.format(format, args);
		this.report.append(text).append(System.lineSeparator());
		log.info(text);
	}

}
