package mekong.exchange.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.access.KafkaAccessGrant;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.Passwords;
import mekong.exchange.infra.SecretsFile;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka principals of the local stack: one per node and one for operators, each with
 * a password made on first start and kept in the data folder (readable by its owner
 * only), and the ACLs of {@link KafkaAccess}, granted from the stack's agreements on
 * every start. Also writes {@value #OPERATOR_CLIENT_FILE}, the settings Kafka's command
 * line tools need to read the stack's topics as the operator.
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
	 * Creates the principals of {@code nodes} and of the operator, and grants their ACLs.
	 */
	static StackKafkaUsers grant(Path data, LocalKafkaBroker broker, Collection<NodeId> nodes,
			Collection<? extends Collection<NodeId>> agreements) {
		StackKafkaUsers users = new StackKafkaUsers(broker, SecretsFile.at(data.resolve(FILE),
				"Kafka passwords of the local stack's nodes and operator; never copy them to the repository"));
		Map<NodeId, String> nodePasswords = new TreeMap<>();
		nodes.forEach((node) -> nodePasswords.put(node, users.passwordOf(KafkaAccess.usernameOf(node))));
		try (Admin admin = Admin.create(broker.adminSettings())) {
			KafkaAccessGrant.grant(admin, nodePasswords, Map.of(OPERATOR, users.passwordOf(OPERATOR)), agreements);
		}
		users.writeOperatorClientSettings(data.resolve(OPERATOR_CLIENT_FILE));
		return users;
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
