package mekong.exchange.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.serde.UndecodableRecordException;
import mekong.exchange.core.serde.WireFormat;
import mekong.exchange.testing.ConsoleLogIn;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a careless or hostile client and a broken or hostile partner can throw at a node:
 * none of it reaches a desk or Kafka as an alert, none of it stops the node, and every
 * refused record is kept in the dead-letter topic with its reason.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(HostileInputIntegrationTests.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INBOX = "exchange.LA-HO.inbox";

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.withIdentityProvider();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * A browser logged in to Son La's console, and one logged in to Houaphan's: each
	 * keeps the identity provider's session of its own desk officer.
	 */
	final HttpClient sonLaConsole = browser();

	final HttpClient houaphanConsole = browser();

	@Test
	void tenThousandInvalidBodiesAreEachRefusedWithProblemDetailsAndNothingIsPublished() throws Exception {
		String validAlert = Files.readString(Path.of("..", "docs", "examples", "suspect-alert.json"));
		HostileBodies bodies = new HostileBodies(20261123, validAlert);
		long outboxBefore = endOffsetsSum("exchange.VN-05.outbox");
		Map<HostileBodies.Kind, Integer> tried = new EnumMap<>(HostileBodies.Kind.class);
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> unexpected = new ArrayList<>();

		for (int i = 0; i < 10_000; i++) {
			HostileBodies.Body body = bodies.next();
			HttpResponse<String> response = post(body.bytes(), body.contentType());
			tried.merge(body.kind(), 1, Integer::sum);
			statuses.merge(response.statusCode(), 1, Integer::sum);
			if (!isProblemDetails(response) || response.statusCode() < 400 || response.statusCode() >= 500) {
				unexpected.add(i + " " + body.kind() + " -> " + response.statusCode() + " "
						+ response.headers().firstValue("Content-Type").orElse("") + " " + response.body());
			}
		}
		log.info("Hostile bodies tried: {}; answers by status: {}", tried, statuses);

		assertThat(unexpected).as("answers other than 4xx problem details").isEmpty();
		assertThat(statuses.keySet()).allMatch((status) -> status >= 400 && status < 500);
		assertThat(tried.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
		assertThat(endOffsetsSum("exchange.VN-05.outbox")).as("records written to the outbox").isEqualTo(outboxBefore);
		assertThat(post(validAlert.getBytes(StandardCharsets.UTF_8), "application/json").statusCode())
			.as("the alert the hostile bodies were made from, sent as it is")
			.isEqualTo(201);
	}

	@Test
	void oversizedBodiesAreRefusedBeforeTheyAreRead() throws Exception {
		long outboxBefore = endOffsetsSum("exchange.VN-05.outbox");
		byte[] large = ("{\"summary\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> declared = post(large, "application/json");
		HttpResponse<String> chunked = this.http.send(request().header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
			.build(), HttpResponse.BodyHandlers.ofString());

		for (HttpResponse<String> response : List.of(declared, chunked)) {
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(isProblemDetails(response)).as(response.body()).isTrue();
			assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("256 KB");
		}
		assertThat(endOffsetsSum("exchange.VN-05.outbox")).isEqualTo(outboxBefore);
	}

	/**
	 * Bytes nobody signed, each naming a random schema id, as a hostile partner or a
	 * broken system could write them to the inbox: the signature is checked before
	 * anything is decoded, so they go to the dead-letter topic without one registry
	 * lookup.
	 */
	@Test
	void tenThousandUnsignedRecordsWithRandomSchemaIdsGoToTheDeadLetterTopicWithoutARegistryLookup() throws Exception {
		String run = UUID.randomUUID().toString();
		double lookupsBefore = registryRequestsOf(nodes.houaphanManagement());
		Random random = new Random(11);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.broker.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int record = 0; record < 10_000; record++) {
				byte[] value = new byte[WireFormat.HEADER_SIZE + 1 + random.nextInt(200)];
				random.nextBytes(value);
				value[0] = 0;
				producer.send(new ProducerRecord<>(INBOX, "unsigned-" + run + "-" + record, value));
			}
			producer.flush();
		}

		Map<String, Integer> deadByReason = deadLettersByReason("unsigned-" + run, 10_000);
		double lookups = registryRequestsOf(nodes.houaphanManagement()) - lookupsBefore;
		log.info("Unsigned records with random schema ids: 10000; dead letters by reason: {}; registry requests: {}",
				deadByReason, lookups);

		assertThat(deadByReason).containsOnlyKeys("UNSIGNED");
		assertThat(lookups).isZero();
	}

	@Test
	void tenThousandGarbageRecordsAmongAThousandValidAlertsAllGoToTheDeadLetterTopicAndTheValidOnesAreDelivered()
			throws Exception {
		AvroWireSerializer serializer = new AvroWireSerializer();
		serializer.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		Random random = new Random(7);
		String run = UUID.randomUUID().toString();
		Set<String> validIds = new HashSet<>();
		Map<String, Integer> garbageByKind = new TreeMap<>();
		double lookupsBefore = registryRequestsOf(nodes.houaphanManagement());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.broker.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer())) {
			int garbage = 0;
			int valid = 0;
			while (garbage + valid < 11_000) {
				boolean sendValid = (valid < 1_000) && (garbage == 10_000 || random.nextInt(11) == 0);
				Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
				byte[] genuine = serializer.serialize(INBOX, alert);
				if (sendValid) {
					producer.send(TestKeys.signedBy("VN-05",
							new ProducerRecord<>(INBOX, alert.getAlertId().toString(), genuine)));
					validIds.add(alert.getAlertId().toString());
					valid++;
				}
				else {
					String kind = switch (garbage % 4) {
						case 0 -> "random-bytes";
						case 1 -> "truncated-avro";
						case 2 -> "wrong-magic-byte";
						default -> "unknown-schema-id";
					};
					byte[] value = garbage(kind, genuine, random);
					producer.send(TestKeys.signedBy("VN-05",
							new ProducerRecord<>(INBOX, "garbage-" + run + "-" + kind + "-" + garbage, value)));
					garbageByKind.merge(kind, 1, Integer::sum);
					garbage++;
				}
			}
			producer.flush();
		}

		Map<String, Integer> deadByReason = deadLettersByReason("garbage-" + run, 10_000);
		Map<String, Integer> receivedById = new HashMap<>();
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			receivedById.clear();
			allRecordsOf("exchange.VN-05.acks").stream()
				.filter((received) -> validIds.contains(received.key()))
				.forEach((received) -> receivedById.merge(received.key(), 1, Integer::sum));
			assertThat(receivedById).hasSize(1_000);
		});
		double lookups = registryRequestsOf(nodes.houaphanManagement()) - lookupsBefore;
		log.info(
				"Garbage records sent: {}; valid alerts sent: {}; dead letters by reason: {}; valid delivered: {};"
						+ " registry requests: {}",
				garbageByKind, validIds.size(), deadByReason, receivedById.size(), lookups);
		assertThat(lookups).as("at most one lookup per id the registry does not know")
			.isLessThanOrEqualTo(garbageByKind.get("unknown-schema-id") + garbageByKind.get("random-bytes"));

		assertThat(receivedById.values()).as("times each valid alert was received").allMatch((times) -> times == 1);
		assertThat(deadByReason).containsOnlyKeys("UNDECODABLE", "UNKNOWN_SCHEMA");
		assertThat(deadByReason.get("UNKNOWN_SCHEMA")).isGreaterThanOrEqualTo(garbageByKind.get("unknown-schema-id"));
		assertThat(
				nodes.houaphan.getBean("&consumerStreams", StreamsBuilderFactoryBean.class).getKafkaStreams().state())
			.isEqualTo(KafkaStreams.State.RUNNING);
		String afterwards = ExchangeIntegrationTests.filed(nodes.sonLaDesk(),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + afterwards).status()).isEqualTo(200));
	}

	@Test
	void lineBreaksInNamesAndKeysCannotForgeLogLines(CapturedOutput output) throws Exception {
		String alertId = ExchangeIntegrationTests.filed(nodes.sonLaDesk(),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(200));
		String forgedLine = "2026-11-23T03:00:00.000Z  INFO 1 --- [mekong] FORGED: alert " + alertId + " cancelled";

		assertThat(nodes.houaphanDesk()
			.post("/api/v1/inbox/" + alertId + "/acks",
					JSON.writeValueAsString(Map.of("status", "ACCEPTED", "officer", "Sgt. Noy\r\n" + forgedLine)))
			.status()).isEqualTo(201);
		nodes.write(new ProducerRecord<>(INBOX, "bad-key\n" + forgedLine, new byte[] { 1, 2, 3 }));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(output.getAll()).contains("Sgt. Noy\\r\\n2026-11-23T03:00:00.000Z")
				.contains("bad-key\\n2026-11-23T03:00:00.000Z"));
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("2026-11-23T03:00:00.000Z"));
	}

	/**
	 * A partner writing garbage fills the dead-letter topic, not the log: each record is
	 * logged once, on one line with its reason, and no stack trace.
	 */
	@Test
	void aRecordSentToTheDeadLetterTopicIsLoggedOnceOnOneLine(CapturedOutput output) throws Exception {
		String key = "garbage-" + UUID.randomUUID();
		nodes.write(TestKeys.signedBy("VN-05", new ProducerRecord<>(INBOX, key, new byte[] { 1, 2, 3 })));

		assertThat(deadLettersByReason(key, 1)).containsOnlyKeys("UNDECODABLE");
		assertThat(output.getAll().lines().filter((line) -> line.contains(key)))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("sent to exchange.LA-HO.dlq: UNDECODABLE");
		assertThat(output.getAll()).doesNotContain("Skipping record due to deserialization error")
			.doesNotContain(UndecodableRecordException.class.getName());
	}

	/**
	 * The reasons of the dead letters in Houaphan's dead-letter topic whose keys start
	 * with {@code keys}, once there are {@code expected} of them.
	 */
	private static Map<String, Integer> deadLettersByReason(String keys, int expected) {
		Map<String, Integer> deadByReason = new TreeMap<>();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			deadByReason.clear();
			allRecordsOf("exchange.LA-HO.dlq").stream()
				.filter((dead) -> dead.key().startsWith(keys))
				.forEach((dead) -> deadByReason.merge(
						new String(dead.headers().lastHeader("mekong-dlq-reason").value(), StandardCharsets.UTF_8), 1,
						Integer::sum));
			assertThat(deadByReason.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(expected);
		});
		return deadByReason;
	}

	/** {@code exchange_registry_requests_total} of a node, from its Prometheus page. */
	static double registryRequestsOf(DeskClient management) {
		return management.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith("exchange_registry_requests_total"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static byte[] garbage(String kind, byte[] genuine, Random random) {
		return switch (kind) {
			case "random-bytes" -> {
				byte[] bytes = new byte[random.nextInt(1500)];
				random.nextBytes(bytes);
				yield bytes;
			}
			case "truncated-avro" ->
				Arrays.copyOf(genuine, WireFormat.HEADER_SIZE + random.nextInt(genuine.length / 2));
			case "wrong-magic-byte" -> {
				byte[] bytes = genuine.clone();
				bytes[0] = (byte) (1 + random.nextInt(255));
				yield bytes;
			}
			default -> {
				byte[] bytes = genuine.clone();
				int unknownId = 1_000_000 + random.nextInt(1_000_000);
				bytes[1] = (byte) (unknownId >>> 24);
				bytes[2] = (byte) (unknownId >>> 16);
				bytes[3] = (byte) (unknownId >>> 8);
				bytes[4] = (byte) unknownId;
				yield bytes;
			}
		};
	}

	/**
	 * Every query, path and header parameter of the desk API and the console, each with
	 * values out of range, of the wrong type, huge, with control characters and path
	 * tricks: never a 5xx, and every refusal a problem detail naming what it refuses.
	 */
	@Test
	void hostileParametersAndHeadersAreRefusedWithProblemDetailsNamingThem() throws Exception {
		String revision = "{\"officer\": \"Lt. Nguyen Van An\", \"messageType\": \"CANCEL\", \"revisionNote\": \"test\"}";
		String ack = "{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}";
		String alert = Files.readString(Path.of("..", "docs", "examples", "suspect-alert.json"));
		List<Probe> probes = new ArrayList<>();
		Map<String, List<String>> queries = Map.of("/api/v1/inbox",
				List.of("category", "priority", "since", "state", "name", "after", "limit"), "/api/v1/alerts",
				List.of("limit"), "/console/compose", List.of("revise"), "/console/inbox", List.of("lang"));
		queries.forEach((path, parameters) -> parameters.forEach((parameter) -> HOSTILE_VALUES.forEach((value) -> probes
			.add(new Probe("GET", path + "?" + parameter + "=" + encoded(value), null, Map.of(), parameter)))));
		HOSTILE_VALUES.forEach((value) -> probes.add(new Probe("POST", "/api/v1/alerts/search?limit=" + encoded(value),
				"{\"fullName\": \"Vang De Mua\"}", Map.of(), "limit")));
		for (String template : List.of("GET /api/v1/inbox/{}", "POST /api/v1/inbox/{}/acks", "GET /api/v1/alerts/{}",
				"GET /api/v1/alerts/{}/audit", "POST /api/v1/alerts/{}/revisions", "GET /console/inbox/{}",
				"GET /console/sent/{}")) {
			String method = template.substring(0, template.indexOf(' '));
			String body = template.endsWith("/acks") ? ack : template.endsWith("/revisions") ? revision : null;
			for (String value : HOSTILE_PATH_VALUES) {
				probes.add(new Probe(method, template.substring(method.length() + 1).replace("{}", value), body,
						Map.of(), "alertId"));
			}
		}
		for (String value : HOSTILE_HEADER_VALUES) {
			probes.add(new Probe("POST", "/api/v1/alerts", alert, Map.of("Idempotency-Key", value), "Idempotency-Key"));
			probes.add(new Probe("GET", "/api/v1/inbox", null, Map.of("Mekong-Forwarded-Desk", value),
					"Mekong-Forwarded-Desk"));
			probes.add(new Probe("GET", "/api/v1/inbox", null, Map.of("Mekong-Scope", value), "Mekong-Scope"));
			probes.add(new Probe("GET", "/api/v1/inbox", null, Map.of("Accept", value), null));
			probes.add(new Probe("GET", "/console/inbox", null, Map.of("Accept-Language", value), null));
			probes.add(new Probe("POST", "/api/v1/alerts", alert, Map.of("Content-Type", value), null));
		}
		logIn(this.houaphanConsole, TwoNodes.urlOf(nodes.houaphan), "desk.laho", "demo-laho");
		logIn(this.sonLaConsole, TwoNodes.urlOf(nodes.sonLa), "desk.vn05", "demo-vn05");
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> unexpected = new ArrayList<>();

		for (Probe probe : probes) {
			HttpResponse<String> response = send(probe);
			statuses.merge(response.statusCode(), 1, Integer::sum);
			boolean refused = response.statusCode() >= 400;
			if (response.statusCode() >= 500 || (refused && !isProblemDetails(response)) || (refused
					&& response.statusCode() != 404 && probe.named() != null && !names(response, probe.named()))) {
				unexpected.add(probe + " -> " + response.statusCode() + " "
						+ response.headers().firstValue("Content-Type").orElse("") + " "
						+ response.body().substring(0, Math.min(300, response.body().length())));
			}
		}
		log.info("Hostile parameters tried: {}; answers by status: {}", probes.size(), statuses);

		assertThat(unexpected).as("5xx, or refusals that are not problem details naming what they refuse").isEmpty();
	}

	/**
	 * Query values: out of range, wrong type, huge, control characters, markup and path
	 * tricks.
	 */
	private static final List<String> HOSTILE_VALUES = List.of("", "-1", "0", "5000", "2147483648",
			"99999999999999999999", "abc", "1.5", "NaN", "true", "\u0000", "\r\nX-Injected: 1", "\u001b[31m",
			"x".repeat(5000), "../../etc/passwd", "..%2F..%2F", "<script>alert(1)</script>", "' OR 1=1 --", "%", "%%",
			"\ud83d\ude00", "2026-13-45T99:99:99Z", "ACTIVE\u0000", "FLASH,ROUTINE",
			"9223372036854775808~" + UUID.randomUUID());

	/**
	 * Path values: not an alert id, an unknown one, huge, encoded control characters,
	 * path tricks.
	 */
	private static final List<String> HOSTILE_PATH_VALUES = List.of("not-a-uuid",
			"00000000-0000-0000-0000-000000000000", UUID.randomUUID() + "x", "x".repeat(5000), "%00", "%0d%0a", "%1b",
			"%2e%2e", "..;", "%2F", "%252F", "a%20b", "%3Cscript%3E", "%F0%9F%98%80", "%C0%AF", "-1", "1e9");

	/** Header values an HTTP client can send: empty, huge, odd characters. */
	private static final List<String> HOSTILE_HEADER_VALUES = List.of("", " ", "x".repeat(5000), "\t", "%00",
			"<script>", "../..", "'\"", "é", "*/*;q=abc", "text/html;charset=nope", "a,b,,c", "1e999");

	private record Probe(String method, String target, String body, Map<String, String> headers, String named) {

		@Override
		public String toString() {
			return this.method + " " + this.target.substring(0, Math.min(120, this.target.length())) + " "
					+ this.headers.keySet() + " (" + this.named + ")";
		}

	}

	private HttpResponse<String> send(Probe probe) throws IOException, InterruptedException {
		boolean sonLa = probe.target().startsWith("/api/v1/alerts") || probe.target().startsWith("/console/sent");
		boolean console = probe.target().startsWith("/console/");
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(TwoNodes.urlOf(sonLa ? nodes.sonLa : nodes.houaphan) + probe.target()))
			.timeout(Duration.ofSeconds(30));
		if (!console) {
			request.header("Authorization", "Bearer " + nodes.deskToken(sonLa ? "desk.vn05" : "desk.laho"));
		}
		if (probe.body() != null) {
			request.header("Content-Type", "application/json");
		}
		probe.headers().forEach(request::setHeader);
		request.method(probe.method(), (probe.body() != null) ? HttpRequest.BodyPublishers.ofString(probe.body())
				: HttpRequest.BodyPublishers.noBody());
		HttpClient client = this.http;
		if (console) {
			client = sonLa ? this.sonLaConsole : this.houaphanConsole;
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Logs {@code username} in to the console of the node at {@code url}. */
	private static void logIn(HttpClient browser, String url, String username, String password)
			throws IOException, InterruptedException {
		assertThat(ConsoleLogIn.logIn(browser, url, username, password).statusCode()).isEqualTo(302);
	}

	private static HttpClient browser() {
		return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager()).build();
	}

	/**
	 * Whether the problem detail names {@code parameter}, in its detail or its errors; a
	 * path parameter may also be refused with the whole path, before it is read.
	 */
	private static boolean names(HttpResponse<String> response, String parameter) {
		return response.body().contains(parameter)
				|| ("alertId".equals(parameter) && response.body().contains("The request path"));
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> post(byte[] body, String contentType) throws IOException, InterruptedException {
		return this.http.send(request().header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request() {
		return HttpRequest.newBuilder(URI.create(TwoNodes.urlOf(nodes.sonLa) + "/api/v1/alerts"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + nodes.deskToken("desk.vn05"));
	}

	private static boolean isProblemDetails(HttpResponse<String> response) {
		if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			return false;
		}
		return JSON.readTree(response.body()).path("status").asInt() == response.statusCode();
	}

	private static long endOffsetsSum(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			return consumer.endOffsets(partitionsOf(consumer, topic))
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum();
		}
	}

	private static List<ConsumerRecord<String, byte[]>> allRecordsOf(String topic) {
		return ExchangeIntegrationTests.allRecordsOf(nodes.broker.bootstrapServers(), topic);
	}

	private static KafkaConsumer<String, byte[]> consumer() {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.broker.bootstrapServers()),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
		return consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
	}

}
