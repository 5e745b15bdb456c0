package mekong.exchange.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.Passwords;
import mekong.exchange.infra.SecretsFile;
import mekong.exchange.ops.access.KafkaAccessGrant.TopicLayout;
import mekong.exchange.ops.access.KafkaAccessGrant;
import mekong.exchange.ops.access.LegacyStreamsNames;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka principals of the local stack on one of its brokers: one per node, one for
 * operators and, across a border, one per country's MirrorMaker, each with a password
 * made on first start and kept in the data folder (readable by its owner only), and the
 * ACLs of {@link KafkaAccess}, granted from the stack's agreements on every start. Also
 * writes the settings Kafka's command line tools need to read the broker's topics as the
 * operator ({@link #operatorClientFile}).
 */
final class StackKafkaUsers {

	static final String OPERATOR = "operator";

	static final String OPERATOR_CLIENT_FILE = "kafka-operator.properties";

	private static final String FILE = "kafka-users.properties";

	private final LocalKafkaBroker broker;

	private final SecretsFile passwords;

	private StackKafkaUsers(LocalKafkaBroker broker, SecretsFile passwords) {
		this.broker = broker;
		this.passwords = passwords;
	}

	/**
	 * Creates the principals of {@code nodes}, of the operator and of the MirrorMakers of
	 * {@code mirrors} (countries) on {@code broker}, grants their ACLs, and writes the
	 * operator's client settings to {@code operatorClientFile} in {@code data}.
	 */
	static StackKafkaUsers grant(Path data, LocalKafkaBroker broker, Collection<NodeId> nodes,
			Collection<? extends Collection<NodeId>> agreements, TopicLayout topics, Collection<String> mirrors,
			String operatorClientFile) {
		StackKafkaUsers users = new StackKafkaUsers(broker,
				SecretsFile.at(data.resolve(FILE),
						"Kafka passwords of the local stack's nodes, operator and MirrorMakers; never copy them to the"
								+ " repository"));
		Map<NodeId, String> nodePasswords = new TreeMap<>();
		nodes.forEach((node) -> nodePasswords.put(node, users.passwordOf(KafkaAccess.usernameOf(node))));
		Map<String, String> mirrorPasswords = new TreeMap<>();
		mirrors.forEach(
				(country) -> mirrorPasswords.put(country, users.passwordOf(BorderCrossing.mirrorUsernameOf(country))));
		try (Admin admin = Admin.create(broker.adminSettings())) {
			KafkaAccessGrant.grant(admin, nodePasswords, Map.of(OPERATOR, users.passwordOf(OPERATOR)), mirrorPasswords,
					agreements, topics);
			new LegacyStreamsNames(admin, broker.adminSettings()).move(nodes);
		}
		users.writeOperatorClientSettings(data.resolve(operatorClientFile));
		return users;
	}

	/**
	 * The client settings the MirrorMaker of {@code country} connects to this broker
	 * with.
	 */
	Map<String, Object> mirrorLogin(String country) {
		String username = BorderCrossing.mirrorUsernameOf(country);
		return this.broker.clientSettings(username, passwordOf(username));
	}

	/**
	 * The file of the operator's client settings of a broker:
	 * {@value #OPERATOR_CLIENT_FILE} for the stack's first, with {@code suffix} for
	 * another.
	 */
	static String operatorClientFile(String suffix) {
		return OPERATOR_CLIENT_FILE.replace(".properties", suffix + ".properties");
	}

	/** The Spring Boot arguments that make {@code node}'s Kafka clients log in as it. */
	List<String> argumentsFor(NodeId node) {
		String username = KafkaAccess.usernameOf(node);
		List<String> arguments = new ArrayList<>();
		this.broker.clientSettings(username, passwordOf(username))
			.forEach((name, value) -> arguments.add("--spring.kafka.properties." + name + "=" + value));
		return arguments;
	}

	private String passwordOf(String username) {
		return this.passwords.getOrMake(username, Passwords::make);
	}

	private void writeOperatorClientSettings(Path file) {
		Map<String, String> settings = new TreeMap<>();
		this.broker.clientSettings(OPERATOR, passwordOf(OPERATOR))
			.forEach((name, value) -> settings.put(name, value.toString()));
		SecretsFile
			.at(file,
					"Kafka client settings of the local stack's operator (read-only), e.g. "
							+ "kafka-console-consumer.sh --consumer.config " + file.getFileName())
			.putAll(settings);
	}

}
