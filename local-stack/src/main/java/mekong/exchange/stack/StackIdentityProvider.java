package mekong.exchange.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import mekong.exchange.boot.web.ConsoleLogin;
import mekong.exchange.identity.IdentityProviderApplication;
import mekong.exchange.infra.ChildProcess;
import mekong.exchange.infra.Passwords;
import mekong.exchange.infra.SecretsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;

/**
 * The local stack's OpenID Connect provider ({@code identity-provider}), run in a JVM of
 * its own from its classes and the classpath its build wrote down. Its users and clients
 * are the desk accounts of {@value StackAgreements#NODES_YML} (public demo values),
 * handed over in the environment rather than on the command line.
 */
final class StackIdentityProvider implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(StackIdentityProvider.class);

	private static final String CLASSPATH_FILE = "mekong-identity-provider.classpath";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CONSOLE_SECRETS = "console-secrets.properties";

	private static final String CALLBACK = "/console/login/oauth2/code/";

	private final ChildProcess process;

	private final String issuer;

	private final Map<String, ConsoleClient> consoles;

	private StackIdentityProvider(ChildProcess process, String issuer, Map<String, ConsoleClient> consoles) {
		this.process = process;
		this.issuer = issuer;
		this.consoles = consoles;
	}

	/**
	 * Starts the provider on {@code port}, its log in {@code data}, and waits until it
	 * answers.
	 * @param consoles the port of each node's desk API, whose console logs in there
	 */
	static StackIdentityProvider start(Path data, int port, Map<String, Integer> consoles, Duration timeout) {
		long started = System.nanoTime();
		String issuer = "http://localhost:" + port;
		try {
			Files.createDirectories(data);
			SecretsFile secrets = SecretsFile.at(data.resolve(CONSOLE_SECRETS),
					"Client secrets of the local stack's consoles at its identity provider");
			Map<String, ConsoleClient> clients = new TreeMap<>();
			consoles.forEach((node, deskPort) -> clients.put(node,
					new ConsoleClient("console-" + node, secrets.getOrMake(node, Passwords::make),
							"http://localhost:" + deskPort + CALLBACK + ConsoleLogin.REGISTRATION)));
			Map<String, Object> settings = Map.of("server.port", port,
					"spring.security.oauth2.authorizationserver.issuer", issuer, "mekong.identity.desks", desks(),
					"mekong.identity.consoles", clients.values().stream().map(ConsoleClient::registered).toList());
			ProcessBuilder command = new ProcessBuilder(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
					"-cp", classpath(), IdentityProviderApplication.class.getName())
				.directory(data.toFile());
			command.environment().put("SPRING_APPLICATION_JSON", JSON.writeValueAsString(settings));
			StackIdentityProvider provider = new StackIdentityProvider(
					ChildProcess.start("identity provider", command, data.resolve("identity-provider.log"),
							URI.create(issuer + "/.well-known/openid-configuration"), timeout),
					issuer, clients);
			log.info("Identity provider (Spring Authorization Server) up at {} in {} ms", issuer,
					(System.nanoTime() - started) / 1_000_000);
			return provider;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the identity provider", ex);
		}
	}

	/** The issuer the nodes trust, as its tokens name it. */
	String issuer() {
		return this.issuer;
	}

	/**
	 * The Spring Boot arguments that make {@code node} trust the provider's tokens and
	 * send its desk officers there to log in to the console.
	 */
	List<String> argumentsFor(String node) {
		ConsoleClient console = this.consoles.get(node);
		String registration = "--spring.security.oauth2.client.registration." + ConsoleLogin.REGISTRATION + ".";
		return List.of("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + this.issuer,
				registration + "client-id=" + console.clientId(), registration + "client-secret=" + console.secret(),
				registration + "authorization-grant-type=authorization_code", registration + "scope=openid,profile",
				registration + "redirect-uri={baseUrl}" + CALLBACK + "{registrationId}",
				"--spring.security.oauth2.client.provider." + ConsoleLogin.REGISTRATION + ".issuer-uri=" + this.issuer);
	}

	/** A node's console as a client of the provider. */
	private record ConsoleClient(String clientId, String secret, String redirectUri) {

		/** As the provider reads it: the secret with its encoding's id. */
		Map<String, String> registered() {
			return Map.of("clientId", this.clientId, "clientSecret", "{noop}" + this.secret, "redirectUri",
					this.redirectUri);
		}

	}

	@Override
	public void close() {
		this.process.close();
		log.info("Identity provider at {} stopped", this.issuer);
	}

	/** The desk accounts of the stack's nodes. */
	private static List<DeskAccount> desks() {
		return StackAgreements.nodesSettings()
			.bind("mekong.desk.accounts", Bindable.listOf(DeskAccount.class))
			.orElseThrow(() -> new IllegalStateException(StackAgreements.NODES_YML + " has no desk accounts"));
	}

	/** A desk account, as the nodes and the provider read it. */
	record DeskAccount(String username, String password, String node, String desk) {
	}

	/** The provider's classes, then its dependencies as its build wrote them down. */
	private static String classpath() throws IOException {
		Path classes;
		try {
			classes = Path
				.of(IdentityProviderApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		try (InputStream dependencies = IdentityProviderApplication.class.getClassLoader()
			.getResourceAsStream(CLASSPATH_FILE)) {
			if (dependencies == null) {
				throw new IllegalStateException("identity-provider was built without " + CLASSPATH_FILE);
			}
			return classes + File.pathSeparator
					+ new String(dependencies.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
	}

}
