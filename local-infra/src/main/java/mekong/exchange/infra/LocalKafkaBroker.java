package mekong.exchange.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller),
 * run in-process with Kafka's own server code. Its log directory is formatted only once,
 * so topics, offsets and transactions survive a restart on the same data directory.
 * <p>
 * A {@linkplain #startSecured secured} broker speaks only TLS (SASL_SSL on every
 * listener), with a certificate for {@code localhost} from a certificate authority made
 * on first start ({@link LocalCertificates}); it authenticates every client with
 * SASL/SCRAM-SHA-512 and lets it do only what an ACL allows (StandardAuthorizer,
 * {@code allow.everyone.if.no.acl.found=false}). Its super users are the broker itself
 * and {@value #ADMIN}, whose passwords are made on first start and kept in the data
 * directory; the controller listener, which only the broker uses, authenticates with
 * SASL/PLAIN, as KRaft controllers do not take SCRAM.
 */
public final class LocalKafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private static final String CLIENT_LISTENER = "CLIENTS";

	private static final int NODE_ID = 1;

	/** The administrator of a secured broker: a super user, for tools and set-up. */
	public static final String ADMIN = "admin";

	private static final String BROKER = "broker";

	private static final String SUPER_USERS_FILE = "super-users.properties";

	private static final String SCRAM = "SCRAM-SHA-512";

	private static final int SCRAM_ITERATIONS = 8192;

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private final String adminPassword;

	private final Path authority;

	private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers, String adminPassword, Path authority) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
		this.adminPassword = adminPassword;
		this.authority = authority;
	}

	/**
	 * Starts a broker whose clients connect to {@code localhost:port}.
	 * @param dataDirectory where the log segments and KRaft metadata live; created and
	 * formatted if new
	 * @param port the client port
	 * @param controllerPort the KRaft controller port, only used by the broker itself
	 */
	public static LocalKafkaBroker start(Path dataDirectory, int port, int controllerPort) {
		return start(dataDirectory, port, controllerPort, null);
	}

	/**
	 * Starts a broker that speaks only TLS, authenticates clients with SASL/SCRAM-SHA-512
	 * and authorizes them with ACLs, created with the {@linkplain #adminSettings
	 * administrator}'s client.
	 * @param dataDirectory where the log segments, KRaft metadata, the super users'
	 * passwords and the TLS certificates ({@code tls/}) live; created and formatted if
	 * new
	 * @param port the client port
	 * @param controllerPort the KRaft controller port, only used by the broker itself
	 */
	public static LocalKafkaBroker startSecured(Path dataDirectory, int port, int controllerPort) {
		Path logDirectory = dataDirectory.toAbsolutePath().resolve("kraft-combined-logs");
		Path superUsersFile = dataDirectory.toAbsolutePath().resolve(SUPER_USERS_FILE);
		if (Files.exists(logDirectory.resolve("meta.properties")) && !Files.exists(superUsersFile)) {
			throw new IllegalStateException("The Kafka data in " + dataDirectory
					+ " was made by a broker without authentication, so it has no super users; delete it, or the"
					+ " data folder that holds it, to start afresh");
		}
		SecretsFile secrets = SecretsFile.at(superUsersFile,
				"Passwords of the local Kafka broker's super users; never copy them to the repository");
		SuperUsers superUsers = new SuperUsers(secrets.getOrMake(BROKER, Passwords::make),
				secrets.getOrMake(ADMIN, Passwords::make),
				LocalCertificates.in(dataDirectory.toAbsolutePath().resolve("tls")));
		return start(dataDirectory, port, controllerPort, superUsers);
	}

	private static LocalKafkaBroker start(Path dataDirectory, int port, int controllerPort, SuperUsers superUsers) {
		long started = System.nanoTime();
		Path logDirectory = dataDirectory.toAbsolutePath().resolve("kraft-combined-logs");
		Properties properties = brokerProperties(logDirectory, port, controllerPort);
		if (superUsers != null) {
			properties.putAll(securityProperties(superUsers));
		}
		else {
			properties.put("listener.security.protocol.map",
					CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		}
		KafkaConfig config = KafkaConfig.fromProps(properties, false);
		formatOnce(logDirectory, superUsers);
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		String bootstrapServers = "localhost:" + port;
		log.info("Kafka broker (KRaft{}) up at {} in {} ms, data in {}",
				(superUsers != null) ? ", TLS, SASL/SCRAM and ACLs" : "", bootstrapServers,
				(System.nanoTime() - started) / 1_000_000, logDirectory);
		return (superUsers != null)
				? new LocalKafkaBroker(server, bootstrapServers, superUsers.admin(),
						superUsers.certificates().authority())
				: new LocalKafkaBroker(server, bootstrapServers, null, null);
	}

	/**
	 * Settings for a client that logs in as {@code username}: the bootstrap servers, and
	 * if the broker is secured, TLS trusting its certificate authority and the SASL/SCRAM
	 * login.
	 */
	public Map<String, Object> clientSettings(String username, String password) {
		Map<String, Object> settings = new HashMap<>(
				Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
		if (isSecured()) {
			settings.putAll(scramLogin(username, password));
			settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
			settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
			settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, this.authority.toString());
		}
		return settings;
	}

	/**
	 * The PEM file of the certificate authority a client of a secured broker trusts, null
	 * if the broker is not secured.
	 */
	public Path certificateAuthority() {
		return this.authority;
	}

	/** Settings for a client that logs in as the administrator. */
	public Map<String, Object> adminSettings() {
		return clientSettings(ADMIN, this.adminPassword);
	}

	/** The client settings of a SASL/SCRAM-SHA-512 login. */
	private static Map<String, Object> scramLogin(String username, String password) {
		return Map.of(SaslConfigs.SASL_MECHANISM, SCRAM, SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName()
				+ " required username=\"" + username + "\" password=\"" + password + "\";");
	}

	private boolean isSecured() {
		return this.adminPassword != null;
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
		log.info("Kafka broker at {} stopped", this.bootstrapServers);
	}

	private static Properties brokerProperties(Path logDirectory, int port, int controllerPort) {
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", String.valueOf(NODE_ID));
		properties.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
		properties.put("listeners", CLIENT_LISTENER + "://localhost:" + port + "," + CONTROLLER_LISTENER
				+ "://localhost:" + controllerPort);
		properties.put("advertised.listeners", CLIENT_LISTENER + "://localhost:" + port);
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("inter.broker.listener.name", CLIENT_LISTENER);
		properties.put("log.dirs", logDirectory.toString());
		properties.put("num.partitions", "1");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", "5");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "5");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		// Topics are declared by the applications from the topic catalogue; a typo must
		// not create one.
		properties.put("auto.create.topics.enable", "false");
		return properties;
	}

	private static Properties securityProperties(SuperUsers superUsers) {
		String clients = "listener.name." + CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".";
		String controller = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT) + ".";
		Properties properties = new Properties();
		properties.put("listener.security.protocol.map",
				CLIENT_LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER + ":SASL_SSL");
		properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
		properties.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, superUsers.certificates().brokerChain());
		properties.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, superUsers.certificates().brokerKey());
		properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		properties.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, superUsers.certificates().authorityCertificate());
		properties.put(clients + "sasl.enabled.mechanisms", SCRAM);
		properties.put("sasl.mechanism.inter.broker.protocol", SCRAM);
		properties.put(clients + SCRAM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
				scramLogin(BROKER, superUsers.broker()).get(SaslConfigs.SASL_JAAS_CONFIG));
		properties.put(controller + "sasl.enabled.mechanisms", "PLAIN");
		properties.put("sasl.mechanism.controller.protocol", "PLAIN");
		properties.put(controller + "plain.sasl.jaas.config",
				PlainLoginModule.class.getName() + " required username=\"" + BROKER + "\" password=\""
						+ superUsers.broker() + "\" user_" + BROKER + "=\"" + superUsers.broker() + "\";");
		properties.put("authorizer.class.name", StandardAuthorizer.class.getName());
		properties.put("allow.everyone.if.no.acl.found", "false");
		properties.put("super.users", "User:" + BROKER + ";User:" + ADMIN);
		return properties;
	}

	private static void formatOnce(Path logDirectory, SuperUsers superUsers) {
		if (Files.exists(logDirectory.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDirectory);
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			Formatter formatter = new Formatter();
			if (superUsers != null) {
				formatter.setScramArguments(
						List.of(scramArgument(BROKER, superUsers.broker()), scramArgument(ADMIN, superUsers.admin())));
			}
			formatter.setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
				.setNodeId(NODE_ID)
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName(CONTROLLER_LISTENER)
				.setMetadataLogDirectory(logDirectory.toString())
				.addDirectory(logDirectory.toString())
				.run();
			log.info("Formatted new Kafka log directory {}: {}", logDirectory,
					output.toString(StandardCharsets.UTF_8).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format Kafka log directory " + logDirectory, ex);
		}
	}

	private static String scramArgument(String username, String password) {
		return SCRAM + "=[name=" + username + ",password=" + password + ",iterations=" + SCRAM_ITERATIONS + "]";
	}

	private record SuperUsers(String broker, String admin, LocalCertificates certificates) {
	}

}
