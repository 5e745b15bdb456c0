package mekong.exchange.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.RegistryClientSettings;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.infra.ChildProcess;
import mekong.exchange.infra.IdentityProviderProcess;
import mekong.exchange.infra.LocalCertificates;
import mekong.exchange.infra.MirrorMakerProcess;
import mekong.exchange.infra.Passwords;
import mekong.exchange.ops.registry.RegistryOwners;
import mekong.exchange.testing.FreePorts;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The production topology of {@code docker-compose.yml}, without Docker, each service
 * with exactly the environment the compose file gives it:
 * <ul>
 * <li>each country's broker ({@code kafka-vn}, {@code kafka-la}, {@code kafka-kh}) set up
 * and started as the {@code apache/kafka} image does it ({@link ComposeKafka}): TLS only,
 * SASL, ACLs;</li>
 * <li>each country's MirrorMaker: its settings step from the built jar, then Kafka's
 * MirrorMaker with the exporter agent, on the file the step wrote, as its image runs
 * it;</li>
 * <li>{@code schema-registry} from Apicurio's distribution;</li>
 * <li>the init step of each cluster, and each node service from the built jar as the
 * image runs it: the producer and consumer sides of Son La and of Houaphan (four
 * processes), and Tay Ninh and Svay Rieng, one process each.</li>
 * </ul>
 * What Docker provides is mapped, and only that: the service names of the brokers, the
 * registry, the MirrorMakers and the nodes to local ports, a service's own name (its
 * advertised host) to {@code localhost}, its volumes to folders, its container ports to
 * free ones; the {@code .env} secrets are made here (signing keys, Kafka passwords) or
 * point at the local identity provider. Then a desk files at Son La's address, on the
 * Vietnamese cluster; Houaphan's, on the Lao one, shows and accepts the alert, and Son
 * La's shows it accepted; Tay Ninh's alert crosses to Svay Rieng on the Cambodian cluster
 * and comes back accepted; nothing of Laos is on the Cambodian cluster, nor the reverse.
 */
class ComposeEnvironmentTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> NODE_SERVICES = List.of("vn05-producer", "vn05-consumer", "laho-producer",
			"laho-consumer", "vn37", "kh20");

	/** The compose nodes, by the short name of their secrets and clients. */
	static final Map<String, String> NODES = Map.of("vn05", "VN-05", "laho", "LA-HO", "vn37", "VN-37", "kh20", "KH-20");

	static final Duration START_TIMEOUT = Duration.ofSeconds(240);

	HttpClient http;

	/** Trusts what the compose services' certificates were signed by, as the nodes do. */
	SSLContext tlsContext;

	@TempDir
	Path data;

	@Test
	void theComposeNodesCarryTheWalkThroughAcrossBothBorders() throws Exception {
		Path jar = nodeJar();
		Path tls = tlsFolder();
		Path logs = Files.createDirectories(Path.of("target", "compose-test"));
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String port : List.of("kafka-vn:9092", "kafka-vn:9093", "kafka-la:9092", "kafka-la:9093", "kafka-kh:9092",
				"kafka-kh:9093", "schema-registry:8443", "mirror-maker-vn:8083", "mirror-maker-la:8083",
				"mirror-maker-kh:8083")) {
			ports.put(port, FreePorts.next());
		}
		NODE_SERVICES.forEach((service) -> ports.put(service + ":8080", FreePorts.next()));
		List<IdentityProviderProcess.Service> registryClients = new ArrayList<>();
		NODES.keySet()
			.forEach((node) -> registryClients.add(new IdentityProviderProcess.Service("registry-" + node,
					Passwords.make(), List.of(ApicurioRegistry.WRITER_ROLE))));
		registryClients.add(new IdentityProviderProcess.Service("registry-admin", Passwords.make(),
				List.of(ApicurioRegistry.ADMIN_ROLE)));
		// Each node's console, at the address its officers open: one side of a
		// two-process node serves it all.
		Map<String, String> consoles = Map.of("VN-05", "https://localhost:" + ports.get("vn05-consumer:8080"), "LA-HO",
				"https://localhost:" + ports.get("laho-producer:8080"), "VN-37",
				"https://localhost:" + ports.get("vn37:8080"), "KH-20", "https://localhost:" + ports.get("kh20:8080"));
		try (StackIdentityProvider identity = StackIdentityProvider.startWithConsolesAt(logs.resolve("identity"),
				FreePorts.next(), consoles, registryClients, Duration.ofSeconds(90))) {
			Map<String, NodeKey> keys = new TreeMap<>();
			NODES.forEach((name, node) -> keys.put(name, NodeKey.generate(NodeId.of(node), "compose")));
			Map<String, String> dotEnv = dotEnv(identity, registryClients, keys);
			Map<String, Path> mounts = new TreeMap<>(Map.of("./tls", tls));
			for (Map.Entry<String, NodeKey> key : keys.entrySet()) {
				mounts.put("./secrets/" + key.getKey(), secretFolder(key.getKey(), key.getValue()));
			}
			ComposeFile compose = ComposeFile.read(Path.of("..", "docker-compose.yml"), dotEnv, mounts,
					this.data.resolve("volumes"));
			Map<String, Object> vietnamAdmin = admin(ports.get("kafka-vn:9092"), tls, "vn", dotEnv);
			Map<String, Object> laoAdmin = admin(ports.get("kafka-la:9092"), tls, "la", dotEnv);
			Map<String, Object> cambodianAdmin = admin(ports.get("kafka-kh:9092"), tls, "kh", dotEnv);
			try (ComposeKafka vietnam = ComposeKafka.start("kafka-vn",
					environment(compose, "kafka-vn", hosts(ports, "kafka-vn")), this.data.resolve("kafka-vn"), logs,
					vietnamAdmin, START_TIMEOUT);
					ComposeKafka laos = ComposeKafka.start("kafka-la",
							environment(compose, "kafka-la", hosts(ports, "kafka-la")), this.data.resolve("kafka-la"),
							logs, laoAdmin, START_TIMEOUT);
					ComposeKafka cambodia = ComposeKafka.start("kafka-kh",
							environment(compose, "kafka-kh", hosts(ports, "kafka-kh")), this.data.resolve("kafka-kh"),
							logs, cambodianAdmin, START_TIMEOUT);
					ApicurioRegistry registry = ApicurioRegistry.start(logs.resolve("registry"),
							ports.get("schema-registry:8443"),
							environment(compose, "schema-registry", hosts(ports, "schema-registry")),
							Duration.ofSeconds(90))) {
				// As compose runs them: side by side, each MirrorMaker's settings
				// once the clusters it links granted their access (depends_on).
				runTogether(List.of("registry-owners", "kafka-access-vn", "kafka-access-la", "kafka-access-kh"), jar,
						compose, ports, logs);
				runTogether(List.of("mirror-maker-settings-vn", "mirror-maker-settings-la", "mirror-maker-settings-kh"),
						jar, compose, ports, logs);
				Map<String, CompletableFuture<ComposeService>> starting = new LinkedHashMap<>();
				List<MirrorMakerProcess> mirrorMakers = new ArrayList<>();
				try {
					mirrorMakers.add(mirrorMaker(compose, "mirror-maker-vn", "VN", ports, logs));
					MirrorMakerProcess laoMirrorMaker = mirrorMaker(compose, "mirror-maker-la", "LA", ports, logs);
					mirrorMakers.add(laoMirrorMaker);
					mirrorMakers.add(mirrorMaker(compose, "mirror-maker-kh", "KH", ports, logs));
					for (String name : NODE_SERVICES) {
						Map<String, String> environment = environment(compose, name, hosts(ports, name));
						assertThat(environment).containsEntry("MEKONG_STREAMS_ADVERTISEDHOST", name);
						environment.put("MEKONG_STREAMS_ADVERTISEDHOST", "localhost");
						int deskPort = ports.get(name + ":8080");
						starting.put(name, CompletableFuture.supplyAsync(
								() -> ComposeService.start(name, jar, environment, deskPort, this.data, logs)));
					}
					Map<String, ComposeService> running = new LinkedHashMap<>();
					starting.forEach((name, service) -> running.put(name, service.join()));

					walkThrough(identity, running);
					theAlertCrossedTheBorderThroughTheLaoMirrorMaker(laoMirrorMaker);
					acrossTheCambodianBorder(identity, running);
					nothingLaoOnTheCambodianClusterNorTheReverse(laoAdmin, cambodianAdmin);
					onlyTheNodesWriteTheContract(registry);
					theContractKeepsItsCompatibilityRule(registry);
					eachSubjectBelongsToItsNode(registry);
					aNodeCannotReadAnotherNodesInbox(vietnamAdmin, dotEnv);
				}
				finally {
					starting.values()
						.forEach((service) -> service.thenAccept(ComposeService::close)
							.exceptionally((failed) -> null)
							.join());
					mirrorMakers.forEach(MirrorMakerProcess::close);
				}
			}
		}
	}

	/** Runs the init steps {@code steps} side by side, and waits until each has ended. */
	private void runTogether(List<String> steps, Path jar, ComposeFile compose, Map<String, Integer> ports, Path logs) {
		List<CompletableFuture<Void>> running = new ArrayList<>();
		for (String step : steps) {
			ProcessBuilder command = ComposeService.command(jar, environment(compose, step, hosts(ports, step)),
					this.data);
			running.add(CompletableFuture.runAsync(
					() -> ChildProcess.run(step, command, logs.resolve(step + ".log"), START_TIMEOUT),
					(task) -> new Thread(task, step).start()));
		}
		CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
	}

	/**
	 * How the compose network's host names and ports are reached from here, for
	 * {@code service}: each service's name and port by a free local port; a broker's own
	 * listeners ({@code ://:9092}) by its ports.
	 */
	private static UnaryOperator<String> hosts(Map<String, Integer> ports, String service) {
		return (value) -> {
			String mapped = value;
			if (ports.containsKey(service + ":9092")) {
				mapped = mapped.replace("://:9092", "://localhost:" + ports.get(service + ":9092"))
					.replace("://:9093", "://localhost:" + ports.get(service + ":9093"));
			}
			for (Map.Entry<String, Integer> port : ports.entrySet()) {
				mapped = mapped.replace(port.getKey(), "localhost:" + port.getValue());
			}
			return mapped;
		};
	}

	/**
	 * A MirrorMaker service as its image runs it: Kafka's MirrorMaker with the exporter
	 * agent, on the settings file its settings step wrote to their shared volume, for the
	 * cluster its command names.
	 */
	private MirrorMakerProcess mirrorMaker(ComposeFile compose, String service, String country,
			Map<String, Integer> ports, Path logs) throws IOException {
		List<String> command = compose.commandOf(service);
		assertThat(command).hasSize(3).endsWith("--clusters", country);
		Map<String, String> environment = compose.environmentOf(service, hosts(ports, service));
		assertThat(Files.readString(Path.of(command.get(0)))).as("its settings file holds no password")
			.doesNotContain(environment.get("MIRROR_KAFKA_LOGIN").replaceAll(".*password=\"([^\"]+)\".*", "$1"));
		Properties settings = new Properties();
		try (Reader in = Files.newBufferedReader(Path.of(command.get(0)))) {
			settings.load(in);
		}
		assertThat(settings).containsEntry(country + ".sasl.jaas.config", "${env:MIRROR_KAFKA_LOGIN}");
		Map<String, String> mapped = new TreeMap<>();
		settings.forEach((key, value) -> mapped.put(key.toString(), hosts(ports, service).apply(value.toString())));
		return MirrorMakerProcess.start(logs.resolve(service), country, mapped, environment, FreePorts.next(),
				Duration.ofSeconds(90));
	}

	/**
	 * Son La's alert reached Houaphan on the Lao cluster through the MirrorMaker Laos
	 * runs: its metrics count it.
	 */
	private void theAlertCrossedTheBorderThroughTheLaoMirrorMaker(MirrorMakerProcess laoMirrorMaker) throws Exception {
		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create(laoMirrorMaker.metricsUrl())).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).containsPattern(
				"mirrormaker_record_count\\{link=\"VN->LA\",partition=\"[0-9]+\",source=\"VN\",target=\"LA\",topic=\"exchange.LA-HO.inbox\"} [1-9]");
	}

	/**
	 * Tay Ninh's desk files at its one-process node on the Vietnamese cluster; Svay
	 * Rieng's, on the Cambodian cluster, reads and accepts it; Tay Ninh sees it accepted:
	 * both ways across the Moc Bai-Bavet border, through the Cambodian and the Vietnamese
	 * MirrorMaker.
	 */
	private void acrossTheCambodianBorder(StackIdentityProvider identity, Map<String, ComposeService> running)
			throws Exception {
		String tayNinh = identity.deskToken("desk.vn37", "demo-vn37");
		String svayRieng = identity.deskToken("desk.kh20", "demo-kh20");
		String vn37 = running.get("vn37").deskUrl();
		String kh20 = running.get("kh20").deskUrl();
		HttpResponse<String> filed = call(vn37 + "/api/v1/alerts", tayNinh,
				Files.readString(Path.of("..", "docs", "examples", "tay-ninh-suspect-alert.json")));
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		String alertId = JSON.readTree(filed.body()).get("alertId").asString();
		acceptedAcross(alertId, new Desk(kh20, svayRieng, "KH-20", "Lt. Col. Heng Virak"),
				new Desk(vn37, tayNinh, "VN-37", "Thiếu tá Trần Quốc Bảo"));
	}

	/** A desk at one address of its node, with its bearer token. */
	record Desk(String url, String token, String node, String officer) {
	}

	/**
	 * The addressee's desk finds the alert in its inbox once it crossed, and accepts it;
	 * the sender's desk then sees it accepted, once the answer crossed back.
	 */
	private void acceptedAcross(String alertId, Desk addressee, Desk sender) throws Exception {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					call(addressee.url() + "/api/v1/inbox/" + alertId, addressee.token(), null).statusCode())
				.isEqualTo(200));
		HttpResponse<String> accepted = call(addressee.url() + "/api/v1/inbox/" + alertId + "/acks", addressee.token(),
				JSON.writeValueAsString(Map.of("status", "ACCEPTED", "officer", addressee.officer())));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode sent = JSON
				.readTree(call(sender.url() + "/api/v1/alerts/" + alertId, sender.token(), null).body());
			assertThat(sent.get("addressees").get(0).get("node").asString()).isEqualTo(addressee.node());
			assertThat(sent.get("addressees").get(0).get("status").asString()).isEqualTo("ACCEPTED");
		});
	}

	/**
	 * No Lao node has an agreement with a Cambodian one: no topic of one is on the
	 * other's cluster, and neither cluster has a login for the other's MirrorMaker.
	 */
	private static void nothingLaoOnTheCambodianClusterNorTheReverse(Map<String, Object> laoAdmin,
			Map<String, Object> cambodianAdmin) throws Exception {
		try (Admin laos = Admin.create(laoAdmin); Admin cambodia = Admin.create(cambodianAdmin)) {
			assertThat(cambodia.listTopics().names().get()).as("topics on the Cambodian cluster")
				.contains("exchange.KH-20.inbox")
				.noneMatch((topic) -> topic.contains("LA-"));
			assertThat(laos.listTopics().names().get()).as("topics on the Lao cluster")
				.contains("exchange.LA-HO.inbox")
				.noneMatch((topic) -> topic.contains("KH-") || topic.contains("VN-37"));
			assertThat(cambodia.describeUserScramCredentials().all().get()).doesNotContainKey("mirror-LA");
			assertThat(laos.describeUserScramCredentials().all().get()).doesNotContainKey("mirror-KH");
		}
	}

	/**
	 * Anyone reads the contract; a desk, logged in but without the registry's developer
	 * role, cannot register a schema, nor can an anonymous client.
	 */
	private void onlyTheNodesWriteTheContract(ApicurioRegistry registry) throws Exception {
		String subjects = registry.confluentApiUrl() + "/subjects";
		HttpResponse<String> read = this.http.send(HttpRequest.newBuilder(URI.create(subjects)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains(Topics.outbox(NodeId.of("VN-05")).valueSubject());

		HttpRequest.Builder register = HttpRequest.newBuilder(URI.create(subjects + "/probe-value/versions"))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"\\\"string\\\"\"}"));
		assertThat(this.http.send(register.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		String desk = Base64.getEncoder().encodeToString("desk.vn05:demo-vn05".getBytes(StandardCharsets.UTF_8));
		assertThat(this.http
			.send(register.header("Authorization", "Basic " + desk).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(403);
	}

	/** The nodes set it on their subjects: the compose registry has no global rule. */
	private void theContractKeepsItsCompatibilityRule(ApicurioRegistry registry) {
		assertThat(registry.confluentApiUrl()).startsWith("https://");
		SchemaRegistryClient contract = new HttpSchemaRegistryClient(
				RegistryClientSettings.of(registry.confluentApiUrl(), Duration.ofSeconds(10)), this.tlsContext);
		assertThat(contract.compatibility(Topics.outbox(NodeId.of("VN-05")).valueSubject())).isEqualTo("BACKWARD");
		assertThat(contract.compatibility(Topics.acks(NodeId.of("LA-HO")).valueSubject())).isEqualTo("BACKWARD");
	}

	/**
	 * The registry-owners step gave each node's subjects, of its topics and of its state
	 * stores, to the node's client.
	 */
	private void eachSubjectBelongsToItsNode(ApicurioRegistry registry) throws Exception {
		String artifacts = registry.confluentApiUrl()
			.replace("/apis/ccompat/v7", "/apis/registry/v2/groups/default/artifacts/");
		for (Map.Entry<String, String> node : NODES.entrySet()) {
			for (String subject : RegistryOwners.subjectsOf(NodeId.of(node.getValue()))) {
				HttpResponse<String> owner = this.http.send(
						HttpRequest.newBuilder(URI.create(artifacts + subject + "/owner")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(owner.body()).as(subject).contains("\"owner\":\"registry-" + node.getKey() + "\"");
			}
		}
	}

	/**
	 * The ACLs kafka-access-vn granted hold on the Vietnamese broker, where Houaphan's
	 * inbox is a topic leaving for Laos.
	 */
	private static void aNodeCannotReadAnotherNodesInbox(Map<String, Object> vietnamAdmin, Map<String, String> dotEnv) {
		Map<String, Object> sonLa = new HashMap<>(vietnamAdmin);
		sonLa.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		sonLa.put(SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName()
				+ " required username=\"VN-05\" password=\"" + dotEnv.get("VN05_KAFKA_PASSWORD") + "\";");
		sonLa.put(ConsumerConfig.GROUP_ID_CONFIG, "mekong.VN-05.probe");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(sonLa, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(new TopicPartition(Topics.inbox(NodeId.of("LA-HO")).name(), 0)));
			consumer.seekToBeginning(consumer.assignment());
			assertThatExceptionOfType(TopicAuthorizationException.class)
				.isThrownBy(() -> consumer.poll(Duration.ofSeconds(10)));
		}
	}

	/** A service's environment outside Docker, checked to name no compose host. */
	private static Map<String, String> environment(ComposeFile compose, String service, UnaryOperator<String> hosts) {
		Map<String, String> environment = compose.environmentOf(service, hosts);
		assertThat(environment).as("%s: every host name is mapped", service)
			.allSatisfy((key, value) -> assertThat(value).doesNotContain("kafka-vn:", "kafka-la:", "kafka-kh:",
					"schema-registry", "mirror-maker-vn:", "mirror-maker-la:", "mirror-maker-kh:"));
		return environment;
	}

	/**
	 * Settings of a client that logs in to a country's compose broker ({@code vn},
	 * {@code la}) as its administrator.
	 */
	private static Map<String, Object> admin(int port, Path tls, String country, Map<String, String> dotEnv) {
		return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
				SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.resolve("kafka-" + country + "-ca.crt").toString(),
				SaslConfigs.SASL_MECHANISM, "PLAIN", SaslConfigs.SASL_JAAS_CONFIG,
				PlainLoginModule.class.getName() + " required username=\"admin\" password=\""
						+ dotEnv.get("KAFKA_" + country.toUpperCase(Locale.ROOT) + "_ADMIN_PASSWORD") + "\";");
	}

	/**
	 * Each node at one address, as a desk officer opens it: Son La's desk files and
	 * follows its alert at its consumer side's address, whose producer side answers;
	 * Houaphan's desk watches its inbox, reads and accepts the alert at its producer
	 * side's, whose consumer side answers; an officer of Son La logs in to the console at
	 * its consumer side's address and finds the alert among the sent ones there.
	 */
	private void walkThrough(StackIdentityProvider identity, Map<String, ComposeService> running) throws Exception {
		String sonLa = identity.deskToken("desk.vn05", "demo-vn05");
		String houaphan = identity.deskToken("desk.laho", "demo-laho");
		String vn05Producer = running.get("vn05-producer").deskUrl();
		String vn05Consumer = running.get("vn05-consumer").deskUrl();
		String lahoProducer = running.get("laho-producer").deskUrl();

		HttpResponse<Stream<String>> inboxEvents = this.http
			.send(HttpRequest.newBuilder(URI.create(lahoProducer + "/api/v1/inbox/stream"))
				.header("Authorization", "Bearer " + houaphan)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(inboxEvents.statusCode()).as("Houaphan's inbox stream, at its producer side").isEqualTo(200);
		CompletableFuture<String> firstEntry = CompletableFuture
			.supplyAsync(() -> inboxEvents.body().filter((line) -> line.startsWith("data:")).findFirst().orElse(""));

		HttpResponse<String> filed = call(vn05Consumer + "/api/v1/alerts", sonLa,
				Files.readString(Path.of("..", "docs", "examples", "suspect-alert.json")));
		assertThat(filed.statusCode()).as("filed at Son La's consumer side: " + filed.body()).isEqualTo(201);
		assertThat(filed.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith("/api/v1/alerts/"));
		assertThat(filed.uri().getScheme()).isEqualTo("https");
		assertThat(filed.headers().firstValue("Strict-Transport-Security")).as("HSTS over HTTPS")
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
		String alertId = JSON.readTree(filed.body()).get("alertId").asString();
		assertThat(firstEntry.get(60, TimeUnit.SECONDS)).as("the inbox event relayed by Houaphan's producer side")
			.contains(alertId);
		inboxEvents.body().close();
		HttpResponse<String> console = this.http.send(
				HttpRequest.newBuilder(URI.create(vn05Producer + "/console/inbox")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(console.headers().allValues("Set-Cookie")).as("the console's session cookie over HTTPS")
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("MEKONG_SESSION_VN_05=")
				.contains("; Secure", "; HttpOnly", "; SameSite=Lax"));

		acceptedAcross(alertId, new Desk(lahoProducer, houaphan, "LA-HO", "Capt. Khamphone"),
				new Desk(vn05Consumer, sonLa, "VN-05", "Lt. Col. Lo Van Hung"));
		assertThat(JSON.readTree(call(vn05Consumer + "/api/v1/alerts", sonLa, null).body()))
			.as("Son La's sent alerts, at its consumer side")
			.anySatisfy((sent) -> assertThat(sent.get("alertId").asString()).isEqualTo(alertId));
		assertThat(JSON
			.readTree(call(vn05Consumer + "/api/v1/alerts/search", sonLa, "{\"fullName\": \"Mùa Vàng Dề\"}").body()))
			.as("Son La's sent alerts naming a person, searched at its consumer side")
			.anySatisfy((sent) -> assertThat(sent.get("alertId").asString()).isEqualTo(alertId));

		ConsoleBrowser officer = ConsoleBrowser.open(this.tlsContext);
		officer.logIn(vn05Consumer, identity.issuer(), "desk.vn05", "demo-vn05");
		assertThat(officer.page(vn05Consumer + "/console/sent").statusCode()).isEqualTo(200);
		HttpResponse<String> sentInTheConsole = officer.call(vn05Consumer + "/api/v1/alerts");
		assertThat(sentInTheConsole.statusCode()).as("the console's sent alerts, passed on with the officer's login")
			.isEqualTo(200);
		assertThat(sentInTheConsole.body()).contains(alertId);
	}

	/**
	 * The folder compose mounts as {@code ./tls}, as the two countries fill it: a
	 * certificate for {@code localhost} and its key for the desk API ({@code desk.crt},
	 * {@code desk.key}), and for each country's broker its key and certificate
	 * ({@code kafka-vn.pem}, {@code kafka-la.pem}) and the authority that signed them,
	 * each country its own ({@code kafka-vn-ca.crt}, {@code kafka-la-ca.crt}), which
	 * Kafka's clients trust; this test's HTTP client trusts the Vietnamese one, which
	 * signed the desk certificate.
	 */
	private Path tlsFolder() throws Exception {
		Path tls = Files.createDirectories(this.data.resolve("tls"));
		Path vietnamAuthority = null;
		for (String country : List.of("vn", "la", "kh")) {
			Path authority = this.data.resolve("authority-" + country);
			LocalCertificates certificates = LocalCertificates.in(authority);
			Files.writeString(tls.resolve("kafka-" + country + ".pem"),
					Files.readString(authority.resolve("broker.key"))
							+ Files.readString(authority.resolve("broker.crt")));
			Files.copy(certificates.authority(), tls.resolve("kafka-" + country + "-ca.crt"));
			if (vietnamAuthority == null) {
				vietnamAuthority = certificates.authority();
				for (String server : List.of("desk", "registry")) {
					Files.copy(authority.resolve("broker.crt"), tls.resolve(server + ".crt"));
					Files.copy(authority.resolve("broker.key"), tls.resolve(server + ".key"));
				}
				Files.copy(certificates.authority(), tls.resolve("registry-ca.crt"));
				Files.copy(certificates.authority(), tls.resolve("desk-ca.crt"));
			}
		}
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(vietnamAuthority)) {
			trusted.setCertificateEntry("authority", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		this.tlsContext = context;
		this.http = HttpClient.newBuilder().sslContext(context).build();
		return tls;
	}

	/**
	 * The folder {@code ./secrets/<node>} an operator makes for a node: its signing key
	 * alone, in the file its containers read it from.
	 */
	private Path secretFolder(String node, NodeKey key) throws IOException {
		Path folder = Files.createDirectories(this.data.resolve("secrets").resolve(node));
		Files.writeString(folder.resolve("mekong.signing.private-key"), key.privateKey());
		return folder;
	}

	/** The secrets of {@code .env.example}, made for this run. */
	private static Map<String, String> dotEnv(StackIdentityProvider identity,
			List<IdentityProviderProcess.Service> registryClients, Map<String, NodeKey> keys) {
		Map<String, String> dotEnv = new TreeMap<>(
				Map.of("OIDC_ISSUER_URI", identity.issuer(), "OIDC_TOKEN_ENDPOINT", identity.tokenEndpoint()));
		keys.forEach((node, key) -> dotEnv.put(node.toUpperCase(Locale.ROOT) + "_SIGNING_PUBLIC_KEY", key.publicKey()));
		for (String country : List.of("VN", "LA", "KH")) {
			dotEnv.put("KAFKA_" + country + "_BROKER_PASSWORD", Passwords.make());
			dotEnv.put("KAFKA_" + country + "_ADMIN_PASSWORD", Passwords.make());
			dotEnv.put(country + "_MIRROR_KAFKA_PASSWORD", Passwords.make());
		}
		keys.keySet()
			.forEach((node) -> dotEnv.put(node.toUpperCase(Locale.ROOT) + "_KAFKA_PASSWORD", Passwords.make()));
		dotEnv.put("KAFKA_OPERATOR_PASSWORD", Passwords.make());
		NODES.forEach((name, node) -> {
			dotEnv.put(name.toUpperCase(Locale.ROOT) + "_CONSOLE_CLIENT_ID", identity.consoleOf(node).clientId());
			dotEnv.put(name.toUpperCase(Locale.ROOT) + "_CONSOLE_CLIENT_SECRET", identity.consoleOf(node).secret());
		});
		for (IdentityProviderProcess.Service client : registryClients) {
			String name = client.clientId().replace("registry-", "").toUpperCase(Locale.ROOT);
			String prefix = "ADMIN".equals(name) ? "REGISTRY_ADMIN" : name + "_REGISTRY";
			dotEnv.put(prefix + "_CLIENT_ID", client.clientId());
			dotEnv.put(prefix + "_CLIENT_SECRET", client.secret());
		}
		return dotEnv;
	}

	private HttpResponse<String> call(String url, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The jar the compose image runs ({@code Dockerfile}), as {@code ./mvnw verify} built
	 * it.
	 */
	private static Path nodeJar() throws IOException {
		try (Stream<Path> built = Files.list(Path.of("..", "exchange-node", "target"))) {
			List<Path> jars = built.filter((file) -> file.getFileName().toString().endsWith("-exec.jar")).toList();
			assertThat(jars).as("exchange-node's executable jar: build it with ./mvnw verify (or package)").hasSize(1);
			return jars.get(0).toAbsolutePath();
		}
	}

	/**
	 * One compose service's process, started as the image starts it, on the port that
	 * stands for its container port 8080 and a free one for 9080; ready once its
	 * readiness answers, as the compose healthcheck asks.
	 */
	record ComposeService(String name, ChildProcess process, int deskPort) implements AutoCloseable {

		static ComposeService start(String name, Path jar, Map<String, String> environment, int deskPort, Path data,
				Path logs) {
			int managementPort = FreePorts.next();
			ProcessBuilder command = command(jar, environment, data);
			command.environment().put("SERVER_PORT", String.valueOf(deskPort));
			command.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
			return new ComposeService(name, ChildProcess.start(name, command, logs.resolve(name + ".log"),
					URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"), START_TIMEOUT),
					deskPort);
		}

		/** The node image's entry point, with a service's environment. */
		static ProcessBuilder command(Path jar, Map<String, String> environment, Path data) {
			// The container's memory limit (mem_limit: 1536m) with the image's
			// MaxRAMPercentage=50.
			ProcessBuilder command = new ProcessBuilder(ChildProcess.javaExecutable(), "-Xmx768m",
					"-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString())
				.directory(data.toFile());
			command.environment().putAll(environment);
			return command;
		}

		String deskUrl() {
			return "https://localhost:" + this.deskPort;
		}

		@Override
		public void close() {
			this.process.close();
		}

	}

}
