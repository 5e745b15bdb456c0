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

import mekong.exchange.identity.IdentityProviderApplication;
import mekong.exchange.infra.ChildProcess;
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

	private final ChildProcess process;

	private final String issuer;

	private StackIdentityProvider(ChildProcess process, String issuer) {
		this.process = process;
		this.issuer = issuer;
	}

	/**
	 * Starts the provider on {@code port}, its log in {@code data}, and waits until it
	 * answers.
	 */
	static StackIdentityProvider start(Path data, int port, Duration timeout) {
		long started = System.nanoTime();
		String issuer = "http://localhost:" + port;
		try {
			Files.createDirectories(data);
			ProcessBuilder command = new ProcessBuilder(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
					"-cp", classpath(), IdentityProviderApplication.class.getName())
				.directory(data.toFile());
			command.environment()
				.put("SPRING_APPLICATION_JSON",
						JSON.writeValueAsString(
								Map.of("server.port", port, "spring.security.oauth2.authorizationserver.issuer", issuer,
										"mekong.identity.desks", desks())));
			StackIdentityProvider provider = new StackIdentityProvider(
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

	/** The issuer the nodes trust, as its tokens name it. */
	String issuer() {
		return this.issuer;
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
