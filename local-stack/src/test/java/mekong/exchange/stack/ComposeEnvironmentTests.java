package mekong.exchange.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.infra.ChildProcess;
import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.LocalCertificates;
import mekong.exchange.infra.LocalKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production topology of {@code docker-compose.yml}, without Docker: each node
 * service's side (producer and consumer of Son La and of Houaphan, four processes) runs
 * from the built jar as the image runs it, with exactly the environment the compose file
 * gives it. What Docker provides is mapped, and only that: the service names
 * {@code kafka} and {@code schema-registry} to a local broker and registry, a service's
 * own name (its advertised host) to {@code localhost}, its volume to a folder, its
 * container ports to free ones; the {@code .env} secrets are made here (signing keys) or
 * point at the local identity provider. Then a desk files at Son La's producer side,
 * Houaphan's consumer side shows and accepts the alert, and Son La's producer side shows
 * it accepted.
 */
class ComposeEnvironmentTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> NODE_SERVICES = List.of("vn05-producer", "vn05-consumer", "laho-producer",
			"laho-consumer");

	static final Duration START_TIMEOUT = Duration.ofSeconds(150);

	/** The folder the province's desk certificate is mounted to, and the mount. */
	static final String DESK_TLS_FOLDER = "/etc/mekong/tls";

	static final String DESK_TLS_VOLUME = "./tls:" + DESK_TLS_FOLDER + ":ro";

	HttpClient http;

	@TempDir
	Path data;

	@Test
	@SuppressWarnings("unchecked")
	void theComposeNodesCarryTheWalkThroughAsSeparateProducerAndConsumerProcesses() throws Exception {
		Map<String, Object> compose;
		try (Reader in = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
			compose = new Yaml().load(in);
		}
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		Path jar = nodeJar();
		try (LocalKafkaBroker kafka = LocalKafkaBroker.start(this.data.resolve("kafka"), FreePorts.next(),
				FreePorts.next());
				ApicurioRegistry registry = ApicurioRegistry.start(this.data.resolve("registry"), FreePorts.next(),
						Duration.ofSeconds(90));
				StackIdentityProvider identity = StackIdentityProvider.start(this.data.resolve("identity"),
						FreePorts.next(), Map.of(), Duration.ofSeconds(90))) {
			Map<String, String> dotEnv = dotEnv(identity.issuer());
			Path tls = deskCertificate();
			Path logs = Files.createDirectories(Path.of("target", "compose-test"));
			Map<String, CompletableFuture<ComposeService>> starting = new LinkedHashMap<>();
			try {
				for (String name : NODE_SERVICES) {
					Map<String, String> environment = environmentOf(services.get(name), dotEnv);
					assertThat((List<String>) services.get(name).get("volumes")).contains(DESK_TLS_VOLUME);
					environment.replaceAll((key, value) -> value.replace("kafka:9092", kafka.bootstrapServers())
						.replace("http://schema-registry:8081", registry.confluentApiUrl())
						.replace(DESK_TLS_FOLDER, tls.toString()));
					assertThat(environment).as("%s: every host name is mapped", name)
						.allSatisfy((key, value) -> assertThat(value).doesNotContain("kafka:", "schema-registry"));
					assertThat(environment).containsEntry("MEKONG_STREAMS_ADVERTISEDHOST", name);
					environment.put("MEKONG_STREAMS_ADVERTISEDHOST", "localhost");
					environment.put("MEKONG_STREAMS_STATEDIR", this.data.resolve(name).resolve("streams").toString());
					starting.put(name, CompletableFuture
						.supplyAsync(() -> ComposeService.start(name, jar, environment, this.data, logs)));
				}
				Map<String, ComposeService> running = new LinkedHashMap<>();
				starting.forEach((name, service) -> running.put(name, service.join()));

				walkThrough(identity, running);
			}
			finally {
				starting.values()
					.forEach((service) -> service.thenAccept(ComposeService::close)
						.exceptionally((failed) -> null)
						.join());
			}
		}
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
	 * The folder mounted as {@value #DESK_TLS_FOLDER}: a certificate for
	 * {@code localhost} and its key, as a province supplies them, from an authority this
	 * test's client trusts.
	 */
	private Path deskCertificate() throws Exception {
		Path authority = this.data.resolve("authority");
		LocalCertificates certificates = LocalCertificates.in(authority);
		Path tls = Files.createDirectories(this.data.resolve("tls"));
		Files.copy(authority.resolve("broker.crt"), tls.resolve("desk.crt"));
		Files.copy(authority.resolve("broker.key"), tls.resolve("desk.key"));
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
	private static Map<String, String> dotEnv(String issuer) {
		NodeKey sonLa = NodeKey.generate(NodeId.of("VN-05"), "compose");
		NodeKey houaphan = NodeKey.generate(NodeId.of("LA-HO"), "compose");
		return Map.of("DESK_TOKEN_ISSUER_URI", issuer, "VN05_SIGNING_PRIVATE_KEY", sonLa.privateKey(),
				"VN05_SIGNING_PUBLIC_KEY", sonLa.publicKey(), "LAHO_SIGNING_PRIVATE_KEY", houaphan.privateKey(),
				"LAHO_SIGNING_PUBLIC_KEY", houaphan.publicKey());
	}

	/**
	 * A service's environment as compose makes it: its anchors merged, and
	 * {@code ${NAME:?message}} taken from {@code dotEnv}.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, String> environmentOf(Map<String, Object> service, Map<String, String> dotEnv) {
		Map<String, String> environment = new LinkedHashMap<>();
		((Map<String, Object>) service.get("environment")).forEach((key, value) -> {
			Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)(:\\?[^}]*)?}").matcher(String.valueOf(value));
			StringBuilder resolved = new StringBuilder();
			while (variable.find()) {
				String name = variable.group(1);
				assertThat(dotEnv).as("the .env of the test gives %s", name).containsKey(name);
				variable.appendReplacement(resolved, Matcher.quoteReplacement(dotEnv.get(name)));
			}
			variable.appendTail(resolved);
			environment.put(key, resolved.toString());
		});
		return environment;
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
			List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(),
					// The container's memory limit (mem_limit: 1g) with the image's
					// MaxRAMPercentage=75.
					"-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
			ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile());
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", String.valueOf(deskPort));
			builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
			return new ComposeService(name, ChildProcess.start(name, builder, logs.resolve(name + ".log"),
					URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"), START_TIMEOUT),
					deskPort);
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
