package mekong.exchange.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller),
 * run in-process with Kafka's own server code. Its log directory is formatted only once,
 * so topics, offsets and transactions survive a restart on the same data directory.
 */
public final class LocalKafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private static final int NODE_ID = 1;

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Starts a broker whose clients connect to {@code localhost:port}.
	 * @param dataDirectory where the log segments and KRaft metadata live; created and
	 * formatted if new
	 * @param port the client port
	 * @param controllerPort the KRaft controller port, only used by the broker itself
	 */
	public static LocalKafkaBroker start(Path dataDirectory, int port, int controllerPort) {
		long started = System.nanoTime();
		Path logDirectory = dataDirectory.toAbsolutePath().resolve("kraft-combined-logs");
		KafkaConfig config = KafkaConfig.fromProps(brokerProperties(logDirectory, port, controllerPort), false);
		formatOnce(logDirectory);
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		String bootstrapServers = "localhost:" + port;
		log.info("Kafka broker (KRaft) up at {} in {} ms, data in {}", bootstrapServers,
				(System.nanoTime() - started) / 1_000_000, logDirectory);
		return new LocalKafkaBroker(server, bootstrapServers);
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
		properties.put("listeners",
				"PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("inter.broker.listener.name", "PLAINTEXT");
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

	private static void formatOnce(Path logDirectory) {
		if (Files.exists(logDirectory.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDirectory);
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			new Formatter().setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
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

}
