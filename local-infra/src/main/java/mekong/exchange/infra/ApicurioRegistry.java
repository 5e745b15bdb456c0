package mekong.exchange.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry, a real schema registry, run as a child process from the distribution
 * the build fetched from Maven Central. Its storage is an H2 file in the given data
 * directory, so schema ids survive a restart while Kafka keeps records that point at
 * them. Clients use its Confluent-compatible API only ({@link #confluentApiUrl()}).
 * Unless it runs with given settings, BACKWARD compatibility is set globally at start, as
 * Confluent's registry has it by default.
 */
public final class ApicurioRegistry implements AutoCloseable {

	/** System property that overrides where the registry's runner jar is. */
	public static final String RUNNER_PROPERTY = "mekong.apicurio.runner";

	private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);

	private static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

	/** The role of clients that may register schemas and set their rules. */
	public static final String WRITER_ROLE = "sr-developer";

	/**
	 * The role of the registry's administrator, who may write every subject and give it
	 * to a client (Apicurio's admin override).
	 */
	public static final String ADMIN_ROLE = "sr-admin";

	/** Quarkus's setting of the certificate it serves HTTPS with, as compose sets it. */
	static final String CERTIFICATE_SETTING = "QUARKUS_HTTP_SSL_CERTIFICATE_FILES";

	private final ChildProcess process;

	private final int port;

	private final String scheme;

	private ApicurioRegistry(ChildProcess process, int port, String scheme) {
		this.process = process;
		this.port = port;
		this.scheme = scheme;
	}

	/**
	 * Starts the registry on {@code 127.0.0.1:port} and waits until it is ready.
	 * @param dataDirectory where the H2 database and the registry's log file go
	 * @param port the HTTP port
	 * @param readyTimeout how long to wait for readiness before giving up
	 */
	public static ApicurioRegistry start(Path dataDirectory, int port, Duration readyTimeout) {
		return start(dataDirectory, port, Map.of(), "BACKWARD", readyTimeout);
	}

	/**
	 * Starts the registry on {@code 127.0.0.1:port} with {@code environment} (Apicurio's
	 * settings, e.g. a compose service's) and nothing else set, and waits until it is
	 * ready. If {@code environment} gives it a certificate
	 * ({@value #CERTIFICATE_SETTING}), {@code port} speaks HTTPS only, and readiness is
	 * asked over HTTPS trusting that certificate.
	 * @param dataDirectory where the registry's log file goes, and its H2 database unless
	 * {@code environment} sets {@code REGISTRY_DATASOURCE_URL}
	 */
	public static ApicurioRegistry start(Path dataDirectory, int port, Map<String, String> environment,
			Duration readyTimeout) {
		return start(dataDirectory, port, environment, null, readyTimeout);
	}

	private static ApicurioRegistry start(Path dataDirectory, int port, Map<String, String> environment,
			String globalCompatibility, Duration readyTimeout) {
		long started = System.nanoTime();
		Path directory = dataDirectory.toAbsolutePath();
		Path runner = runnerJar();
		try {
			Files.createDirectories(directory);
			Path logFile = directory.resolve("registry.log");
			String certificate = environment.get(CERTIFICATE_SETTING);
			List<String> ports = (certificate != null)
					? List.of("-Dquarkus.http.ssl-port=" + port, "-Dquarkus.http.port=0")
					: List.of("-Dquarkus.http.port=" + port);
			List<String> arguments = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx384m",
					"-XX:+UseSerialGC", "-Dquarkus.http.host=127.0.0.1"));
			arguments.addAll(ports);
			arguments.addAll(List.of("-Dquarkus.banner.enabled=false", "-jar", runner.toString()));
			ProcessBuilder command = new ProcessBuilder(arguments).directory(directory.toFile());
			command.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + directory.resolve("db"));
			command.environment().putAll(environment);
			String scheme = (certificate != null) ? "https" : "http";
			HttpClient http = (certificate != null)
					? HttpClient.newBuilder().sslContext(trusting(Path.of(certificate))).build()
					: HttpClient.newHttpClient();
			HttpRequest ready = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/health/ready"))
				.timeout(Duration.ofSeconds(2))
				.build();
			ApicurioRegistry registry = new ApicurioRegistry(
					ChildProcess.start("schema registry", command, logFile, () -> answers(http, ready), readyTimeout),
					port, scheme);
			if (globalCompatibility != null) {
				try {
					registry.setGlobalCompatibility(globalCompatibility);
				}
				catch (RuntimeException ex) {
					registry.close();
					throw ex;
				}
			}
			log.info("Schema registry (Apicurio {}) up at {} in {} ms, data in {}", runner.getFileName(),
					registry.confluentApiUrl(), (System.nanoTime() - started) / 1_000_000, directory);
			return registry;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the schema registry from " + runner, ex);
		}
	}

	/**
	 * Apicurio's settings for a registry anyone may read and only clients of the OpenID
	 * Connect provider at {@code issuer} whose tokens carry the role
	 * {@value #WRITER_ROLE} (in their {@code groups} claim) may write: a client sends
	 * HTTP Basic with its client id and secret, which the registry exchanges for a token
	 * at {@code tokenEndpoint} (client credentials grant). Each subject may be written
	 * only by its owner, the client that created it or the one the administrator gave it
	 * to (Apicurio's owner-only authorization): new versions, its compatibility, its
	 * deletion. A client whose tokens carry {@value #ADMIN_ROLE} may write every subject
	 * (Apicurio's admin override). The same as {@code docker-compose.yml}'s.
	 */
	public static Map<String, String> writableByClientsOf(String issuer, String tokenEndpoint) {
		return Map.ofEntries(Map.entry("REGISTRY_AUTH_ENABLED", "true"),
				Map.entry("REGISTRY_AUTH_URL_CONFIGURED", issuer), Map.entry("TOKEN_ENDPOINT", tokenEndpoint),
				Map.entry("CLIENT_CREDENTIALS_BASIC_AUTH_ENABLED", "true"),
				Map.entry("REGISTRY_AUTH_ANONYMOUS_READS_ENABLED", "true"),
				Map.entry("REGISTRY_AUTH_RBAC_ENABLED", "true"), Map.entry("REGISTRY_AUTH_ROLE_SOURCE", "token"),
				Map.entry("REGISTRY_AUTH_OBAC_ENABLED", "true"),
				Map.entry("REGISTRY_AUTH_ADMIN_OVERRIDE_ENABLED", "true"),
				Map.entry("REGISTRY_AUTH_ADMIN_OVERRIDE_FROM", "token"),
				Map.entry("REGISTRY_AUTH_ADMIN_OVERRIDE_TYPE", "role"),
				Map.entry("REGISTRY_AUTH_ADMIN_OVERRIDE_ROLE", ADMIN_ROLE));
	}

	/**
	 * The base URL of the Confluent-compatible API, as clients configure
	 * {@code schema.registry.url}.
	 */
	public String confluentApiUrl() {
		return this.scheme + "://localhost:" + this.port + CONFLUENT_API_PATH;
	}

	private static boolean answers(HttpClient http, HttpRequest ready) throws InterruptedException {
		try {
			return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	/** Trusts {@code certificate} (PEM) and what it signed. */
	private static SSLContext trusting(Path certificate) throws IOException {
		try (InputStream in = Files.newInputStream(certificate)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry("registry", CertificateFactory.getInstance("X.509").generateCertificate(in));
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not trust the registry's certificate " + certificate, ex);
		}
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		this.process.close();
		log.info("Schema registry on port {} stopped", this.port);
	}

	private void setGlobalCompatibility(String level) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/config"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Could not set the registry's compatibility to " + level + ": HTTP "
						+ response.statusCode() + " " + response.body());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path runnerJar() {
		String override = System.getProperty(RUNNER_PROPERTY);
		Path runner;
		if (override != null) {
			runner = Path.of(override);
		}
		else {
			Properties build = new Properties();
			try (InputStream in = ApicurioRegistry.class.getResourceAsStream("apicurio.properties")) {
				if (in == null) {
					throw new IllegalStateException("local-infra was built without apicurio.properties");
				}
				build.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			runner = Path.of(build.getProperty("runner"));
		}
		if (!Files.isRegularFile(runner)) {
			throw new IllegalStateException("Apicurio Registry is not at " + runner
					+ ": build the project with ./mvnw (it unpacks the registry into local-infra/target/apicurio) or set -D"
					+ RUNNER_PROPERTY);
		}
		return runner;
	}

}
