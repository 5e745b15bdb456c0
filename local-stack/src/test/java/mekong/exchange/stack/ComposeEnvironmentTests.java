package mekong.exchange.stack;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.infra.ChildProcess;
import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.IdentityProviderProcess;
import mekong.exchange.infra.LocalCertificates;
import mekong.exchange.infra.Passwords;
import org.apache.kafka.clients.CommonClientConfigs;
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
 * <li>{@code kafka} set up and started as the {@code apache/kafka} image does it
 * ({@link ComposeKafka}): TLS only, SASL, ACLs;</li>
 * <li>{@code schema-registry} from Apicurio's distribution;</li>
 * <li>the {@code kafka-access} init step, and each node service's side (producer and
 * consumer of Son La and of Houaphan, four processes), from the built jar as the image
 * runs it.</li>
 * </ul>
 * What Docker provides is mapped, and only that: the service names {@code kafka} and
 * {@code schema-registry} to local ports, a service's own name (its advertised host) to
 * {@code localhost}, its volumes to folders, its container ports to free ones; the
 * {@code .env} secrets are made here (signing keys, Kafka passwords) or point at the
 * local identity provider. Then a desk files at Son La's producer side, Houaphan's
 * consumer side shows and accepts the alert, and Son La's producer side shows it
 * accepted.
 */
class ComposeEnvironmentTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> NODE_SERVICES = List.of("vn05-producer", "vn05-consumer", "laho-producer",
			"laho-consumer");

	static final Duration START_TIMEOUT = Duration.ofSeconds(150);

	HttpClient http;

	@TempDir
	Path data;

	@Test
	void theComposeNodesCarryTheWalkThroughAsSeparateProducerAndConsumerProcesses() throws Exception {
		Path jar = nodeJar();
		Path tls = tlsFolder();
		Path logs = Files.createDirectories(Path.of("target", "compose-test"));
		int kafkaPort = FreePorts.next();
		int controllerPort = FreePorts.next();
		int registryPort = FreePorts.next();
		UnaryOperator<String> hosts = (value) -> value.replace("kafka:9092", "localhost:" + kafkaPort)
			.replace("kafka:9093", "localhost:" + controllerPort)
			.replace("://:9092", "://localhost:" + kafkaPort)
			.replace("://:9093", "://localhost:" + controllerPort)
			.replace("http://schema-registry:8080", "http://localhost:" + registryPort);
		List<IdentityProviderProcess.Service> registryClients = List.of(
				new IdentityProviderProcess.Service("registry-vn05", Passwords.make(),
						List.of(ApicurioRegistry.WRITER_ROLE)),
				new IdentityProviderProcess.Service("registry-laho", Passwords.make(),
						List.of(ApicurioRegistry.WRITER_ROLE)));
		try (StackIdentityProvider identity = StackIdentityProvider.start(logs.resolve("identity"), FreePorts.next(),
				Map.of(), registryClients, Duration.ofSeconds(90))) {
			Map<String, String> dotEnv = dotEnv(identity, registryClients);
			ComposeFile compose = ComposeFile.read(Path.of("..", "docker-compose.yml"), dotEnv, Map.of("./tls", tls),
					this.data.resolve("volumes"));
			try (ComposeKafka kafka = ComposeKafka.start(environment(compose, "kafka", hosts),
					this.data.resolve("kafka"), logs, admin(kafkaPort, tls, dotEnv), START_TIMEOUT);
					ApicurioRegistry registry = ApicurioRegistry.start(logs.resolve("registry"), registryPort,
							environment(compose, "schema-registry", hosts), Duration.ofSeconds(90))) {
				ChildProcess.run("kafka-access",
						ComposeService.command(jar, environment(compose, "kafka-access", hosts), this.data),
						logs.resolve("kafka-access.log"), START_TIMEOUT);
				Map<String, CompletableFuture<ComposeService>> starting = new LinkedHashMap<>();
				try {
					for (String name : NODE_SERVICES) {
						Map<String, String> environment = environment(compose, name, hosts);
						assertThat(environment).containsEntry("MEKONG_STREAMS_ADVERTISEDHOST", name);
						environment.put("MEKONG_STREAMS_ADVERTISEDHOST", "localhost");
						starting.put(name, CompletableFuture
							.supplyAsync(() -> ComposeService.start(name, jar, environment, this.data, logs)));
					}
					Map<String, ComposeService> running = new LinkedHashMap<>();
					starting.forEach((name, service) -> running.put(name, service.join()));

					walkThrough(identity, running);
					onlyTheNodesWriteTheContract(registry);
					theContractKeepsItsCompatibilityRule(registry);
					aNodeCannotReadAnotherNodesInbox(kafkaPort, tls, dotEnv);
				}
				finally {
					starting.values()
						.forEach((service) -> service.thenAccept(ComposeService::close)
							.exceptionally((failed) -> null)
							.join());
				}
			}
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
	private static void theContractKeepsItsCompatibilityRule(ApicurioRegistry registry) {
		SchemaRegistryClient contract = new HttpSchemaRegistryClient(registry.confluentApiUrl(),
				Duration.ofSeconds(10));
		assertThat(contract.compatibility(Topics.outbox(NodeId.of("VN-05")).valueSubject())).isEqualTo("BACKWARD");
		assertThat(contract.compatibility(Topics.acks(NodeId.of("LA-HO")).valueSubject())).isEqualTo("BACKWARD");
	}

	/** The ACLs kafka-access granted hold on the compose broker. */
	private static void aNodeCannotReadAnotherNodesInbox(int kafkaPort, Path tls, Map<String, String> dotEnv) {
		Map<String, Object> sonLa = new HashMap<>(admin(kafkaPort, tls, dotEnv));
		sonLa.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		sonLa.put(SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName()
				+ " required username=\"VN-05\" password=\"" + dotEnv.get("VN05_KAFKA_PASSWORD") + "\";");
		sonLa.put(ConsumerConfig.GROUP_ID_CONFIG, "mekong-VN-05-probe");
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
			.allSatisfy((key, value) -> assertThat(value).doesNotContain("kafka:", "schema-registry"));
		return environment;
	}

	/** Settings of a client that logs in to the compose broker as its administrator. */
	private static Map<String, Object> admin(int port, Path tls, Map<String, String> dotEnv) {
		return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
				SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.resolve("kafka-ca.crt").toString(),
				SaslConfigs.SASL_MECHANISM, "PLAIN", SaslConfigs.SASL_JAAS_CONFIG, PlainLoginModule.class.getName()
						+ " required username=\"admin\" password=\"" + dotEnv.get("KAFKA_ADMIN_PASSWORD") + "\";");
	}

	private void walkThrough(StackIdentityProvider identity, Map<String, ComposeService> running) throws Exception {
		String sonLa = identity.deskToken("desk.vn05", "demo-vn05");
		String houaphan = identity.deskToken("desk.laho", "demo-laho");
		String vn05Producer = running.get("vn05-producer").deskUrl();
		String lahoConsumer = running.get("laho-consumer").deskUrl();

		HttpResponse<String> filed = call(vn05Producer + "/api/v1/alerts", sonLa,
				Files.readString(Path.of("..", "docs", "examples", "suspect-alert.json")));
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		assertThat(filed.uri().getScheme()).isEqualTo("https");
		assertThat(filed.headers().firstValue("Strict-Transport-Security")).as("HSTS over HTTPS")
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
		String alertId = JSON.readTree(filed.body()).get("alertId").asString();
		HttpResponse<String> console = this.http.send(
				HttpRequest.newBuilder(URI.create(vn05Producer + "/console/inbox")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(console.headers().allValues("Set-Cookie")).as("the console's session cookie over HTTPS")
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("MEKONG_SESSION_VN_05=")
				.contains("; Secure", "; HttpOnly", "; SameSite=Lax"));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(call(lahoConsumer + "/api/v1/inbox/" + alertId, houaphan, null).statusCode())
						.isEqualTo(200));
		HttpResponse<String> accepted = call(lahoConsumer + "/api/v1/inbox/" + alertId + "/acks", houaphan,
				"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode sent = JSON.readTree(call(vn05Producer + "/api/v1/alerts/" + alertId, sonLa, null).body());
			assertThat(sent.get("addressees").get(0).get("node").asString()).isEqualTo("LA-HO");
			assertThat(sent.get("addressees").get(0).get("status").asString()).isEqualTo("ACCEPTED");
		});
	}

	/**
	 * The folder compose mounts as {@code ./tls}, as a province fills it: a certificate
	 * for {@code localhost} and its key for the desk API ({@code desk.crt},
	 * {@code desk.key}) and for the broker ({@code kafka.pem}), and the authority that
	 * signed them, which Kafka's clients trust ({@code kafka-ca.crt}) and so does this
	 * test's HTTP client.
	 */
	private Path tlsFolder() throws Exception {
		Path authority = this.data.resolve("authority");
		LocalCertificates certificates = LocalCertificates.in(authority);
		Path tls = Files.createDirectories(this.data.resolve("tls"));
		Files.copy(authority.resolve("broker.crt"), tls.resolve("desk.crt"));
		Files.copy(authority.resolve("broker.key"), tls.resolve("desk.key"));
		Files.writeString(tls.resolve("kafka.pem"),
				Files.readString(authority.resolve("broker.key")) + Files.readString(authority.resolve("broker.crt")));
		Files.copy(certificates.authority(), tls.resolve("kafka-ca.crt"));
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificates.authority())) {
			trusted.setCertificateEntry("authority", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		this.http = HttpClient.newBuilder().sslContext(context).build();
		return tls;
	}

	/** The secrets of {@code .env.example}, made for this run. */
	private static Map<String, String> dotEnv(StackIdentityProvider identity,
			List<IdentityProviderProcess.Service> registryClients) {
		NodeKey sonLa = NodeKey.generate(NodeId.of("VN-05"), "compose");
		NodeKey houaphan = NodeKey.generate(NodeId.of("LA-HO"), "compose");
		Map<String, String> dotEnv = new TreeMap<>(Map.of("OIDC_ISSUER_URI", identity.issuer(), "OIDC_TOKEN_ENDPOINT",
				identity.tokenEndpoint(), "VN05_SIGNING_PRIVATE_KEY", sonLa.privateKey(), "VN05_SIGNING_PUBLIC_KEY",
				sonLa.publicKey(), "LAHO_SIGNING_PRIVATE_KEY", houaphan.privateKey(), "LAHO_SIGNING_PUBLIC_KEY",
				houaphan.publicKey()));
		for (String password : List.of("KAFKA_BROKER_PASSWORD", "KAFKA_ADMIN_PASSWORD", "VN05_KAFKA_PASSWORD",
				"LAHO_KAFKA_PASSWORD", "KAFKA_OPERATOR_PASSWORD")) {
			dotEnv.put(password, Passwords.make());
		}
		dotEnv.put("VN05_REGISTRY_CLIENT_ID", registryClients.get(0).clientId());
		dotEnv.put("VN05_REGISTRY_CLIENT_SECRET", registryClients.get(0).secret());
		dotEnv.put("LAHO_REGISTRY_CLIENT_ID", registryClients.get(1).clientId());
		dotEnv.put("LAHO_REGISTRY_CLIENT_SECRET", registryClients.get(1).secret());
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
	 * One compose service's process, started as the image starts it, on free ports for
	 * its container ports 8080 and 9080; ready once its readiness answers, as the compose
	 * healthcheck asks.
	 */
	record ComposeService(String name, ChildProcess process, int deskPort) implements AutoCloseable {

		static ComposeService start(String name, Path jar, Map<String, String> environment, Path data, Path logs) {
			int deskPort = FreePorts.next();
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
			// The container's memory limit (mem_limit: 1g) with the image's
			// MaxRAMPercentage=75.
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
