package mekong.exchange.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exchange's OpenID Connect provider (module {@code identity-provider}, Spring
 * Authorization Server) in a JVM of its own, started from its classes and the runtime
 * classpath its build writes down: an authorization server on the classpath of the nodes
 * that run beside it would configure itself in them. Its settings, desk passwords and
 * client secrets included, go through an owner-only file, not the command line. The
 * caller has the provider's classes on its classpath, without their dependencies.
 */
public final class IdentityProviderProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(IdentityProviderProcess.class);

	private static final String MAIN = "mekong.exchange.identity.IdentityProviderApplication";

	private static final String CLASSPATH_FILE = "mekong-identity-provider.classpath";

	private static final String CONSOLE_REGISTRATION = "mekong";

	private static final String CALLBACK = "/console/login/oauth2/code/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChildProcess process;

	private final String issuer;

	private final HttpClient http = HttpClient.newHttpClient();

	private IdentityProviderProcess(ChildProcess process, String issuer) {
		this.process = process;
		this.issuer = issuer;
	}

	/**
	 * A desk account: a user of the console login and a client of the client credentials
	 * grant.
	 *
	 * @param password encoded, with its encoding's id ({@code {noop}…},
	 * {@code {bcrypt}…})
	 * @param roles what else the login may do at its node ({@code supervisor}); none if
	 * null
	 */
	public record Desk(String username, String password, String node, String desk, List<String> roles) {

		public Desk {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

	}

	/**
	 * A node's console, a client of the authorization code grant with PKCE.
	 *
	 * @param secret as the console sends it
	 * @param deskUrl the base URL of the node's desk API and console
	 */
	public record Console(String clientId, String secret, String deskUrl) {

		/** Where the provider sends the officer back with a code. */
		String redirectUri() {
			return this.deskUrl + CALLBACK + CONSOLE_REGISTRATION;
		}

		/** Where the provider sends the officer once logged out. */
		String postLogoutRedirectUri() {
			return this.deskUrl + "/console/login?logout";
		}

	}

	/**
	 * A system calling with its own client credentials, e.g. a node at the schema
	 * registry.
	 *
	 * @param secret as the service sends it
	 * @param groups the roles its tokens carry ({@code groups} claim)
	 */
	public record Service(String clientId, String secret, List<String> groups) {
	}

	/**
	 * Starts the provider on {@code port}, its settings and log in {@code data}, and
	 * waits until it answers.
	 */
	public static IdentityProviderProcess start(Path data, int port, List<Desk> desks, List<Console> consoles,
			Duration timeout) {
		return start(data, port, desks, consoles, List.of(), timeout);
	}

	/**
	 * Starts the provider on {@code port} with service clients too, its settings and log
	 * in {@code data}, and waits until it answers.
	 */
	public static IdentityProviderProcess start(Path data, int port, List<Desk> desks, List<Console> consoles,
			List<Service> services, Duration timeout) {
		long started = System.nanoTime();
		String issuer = "http://localhost:" + port;
		try {
			Files.createDirectories(data);
			// Absolute: the provider runs in data, and reads it from there.
			Path settings = data.toAbsolutePath().resolve("identity-provider.properties");
			Files.deleteIfExists(settings);
			SecretsFile.at(settings, "Settings of the identity provider, desk passwords and client secrets included")
				.putAll(settings(port, issuer, desks, consoles, services));
			ProcessBuilder command = new ProcessBuilder(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
					"-cp", classpath(), MAIN, "--spring.config.additional-location=file:" + settings)
				.directory(data.toFile());
			IdentityProviderProcess provider = new IdentityProviderProcess(
					ChildProcess.start("identity provider", command, data.resolve("identity-provider.log"),
							URI.create(issuer + "/.well-known/openid-configuration"), timeout),
					issuer);
			log.info("Identity provider (Spring Authorization Server) up at {} in {} ms", issuer,
					(System.nanoTime() - started) / 1_000_000);
			return provider;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the identity provider", ex);
		}
	}

	/** The issuer, as its tokens name it and nodes configure it. */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * A bearer token for the desk API of the desk account {@code username}, as a desk's
	 * system gets one: the client credentials grant under the desk's account.
	 */
	public String deskToken(String username, String password) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		try {
			HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			String token = (answer.statusCode() == 200)
					? JSON.readTree(answer.body()).path("access_token").asString(null) : null;
			if (token == null) {
				throw new IllegalStateException(
						"The identity provider gave " + username + " no token: HTTP " + answer.statusCode());
			}
			return token;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The identity provider did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking for a token", ex);
		}
	}

	/**
	 * The Spring Boot arguments that make a node trust this provider's tokens and send
	 * its desk officers here to log in to its console, registered as {@code console}
	 * under the registration id the nodes use ({@code ConsoleLogin.REGISTRATION} in
	 * exchange-boot).
	 */
	public List<String> nodeArguments(Console console) {
		String registration = "--spring.security.oauth2.client.registration." + CONSOLE_REGISTRATION + ".";
		return List.of("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + this.issuer,
				registration + "client-id=" + console.clientId(), registration + "client-secret=" + console.secret(),
				registration + "authorization-grant-type=authorization_code", registration + "scope=openid,profile",
				registration + "redirect-uri={baseUrl}" + CALLBACK + "{registrationId}",
				"--spring.security.oauth2.client.provider." + CONSOLE_REGISTRATION + ".issuer-uri=" + this.issuer);
	}

	@Override
	public void close() {
		this.process.close();
		log.info("Identity provider at {} stopped", this.issuer);
	}

	/** The provider's token endpoint. */
	public String tokenEndpoint() {
		return this.issuer + "/oauth2/token";
	}

	private static Map<String, String> settings(int port, String issuer, List<Desk> desks, List<Console> consoles,
			List<Service> services) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.port", String.valueOf(port));
		settings.put("spring.security.oauth2.authorizationserver.issuer", issuer);
		for (int i = 0; i < desks.size(); i++) {
			String desk = "mekong.identity.desks[" + i + "].";
			settings.put(desk + "username", desks.get(i).username());
			settings.put(desk + "password", desks.get(i).password());
			settings.put(desk + "node", desks.get(i).node());
			settings.put(desk + "desk", desks.get(i).desk());
			List<String> roles = desks.get(i).roles();
			for (int r = 0; r < roles.size(); r++) {
				settings.put(desk + "roles[" + r + "]", roles.get(r));
			}
		}
		for (int i = 0; i < consoles.size(); i++) {
			String console = "mekong.identity.consoles[" + i + "].";
			settings.put(console + "client-id", consoles.get(i).clientId());
			settings.put(console + "client-secret", "{noop}" + consoles.get(i).secret());
			settings.put(console + "redirect-uri", consoles.get(i).redirectUri());
			settings.put(console + "post-logout-redirect-uri", consoles.get(i).postLogoutRedirectUri());
		}
		for (int i = 0; i < services.size(); i++) {
			String service = "mekong.identity.services[" + i + "].";
			settings.put(service + "client-id", services.get(i).clientId());
			settings.put(service + "client-secret", "{noop}" + services.get(i).secret());
			settings.put(service + "groups", String.join(",", services.get(i).groups()));
		}
		return settings;
	}

	/** The provider's classes, then its dependencies as its build wrote them down. */
	private static String classpath() throws IOException {
		Class<?> main;
		try {
			main = Class.forName(MAIN);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("The identity provider's classes are not on the classpath: depend on"
					+ " mekong.exchange:identity-provider, without its dependencies", ex);
		}
		Path classes;
		try {
			classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		try (InputStream dependencies = main.getClassLoader().getResourceAsStream(CLASSPATH_FILE)) {
			if (dependencies == null) {
				throw new IllegalStateException("identity-provider was built without " + CLASSPATH_FILE);
			}
			return classes + File.pathSeparator
					+ new String(dependencies.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
	}

}
