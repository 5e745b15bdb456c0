package mekong.exchange.ops.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import mekong.exchange.boot.kafka.ContractRegistration;
import mekong.exchange.consumer.inbox.InboxStores;
import mekong.exchange.consumer.streams.ConsumerSide;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.RegistryClientSettings;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.streams.ProducerSide;
import mekong.exchange.producer.tracking.SentStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers each node's subjects as the registry's administrator, as the node itself
 * would at start-up (its topics' value schemas and its state stores', with their
 * compatibility), and gives each to the node's client. A node then writes only its own
 * subjects, from its first start on: none can take another's by creating it first, and
 * one taken that way goes back to its node.
 */
public final class RegistryOwners {

	private static final Logger log = LoggerFactory.getLogger(RegistryOwners.class);

	private RegistryOwners() {
	}

	/**
	 * Gives each node of {@code clients} its subjects, the node's client at the registry
	 * beside it.
	 * @param administrator how the registry's administrator calls the registry
	 * @param tls whom to trust over HTTPS; null: the Java runtime's authorities
	 * @param registryWait how long to keep trying while the registry does not answer
	 */
	public static void give(Map<NodeId, String> clients, RegistryClientSettings administrator, SSLContext tls,
			Duration registryWait) {
		HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(administrator, tls);
		ArtifactOwners owners = new ArtifactOwners(administrator.url(), administrator.userInfo(), tls,
				administrator.timeout());
		clients.forEach((node, client) -> {
			ContractRegistration contract = contractOf(node, registry, registryWait);
			contract.start();
			contract.subjects().forEach((subject) -> owners.give(subject, client));
			log.info("Node {}: its {} subjects registered and given to its client {}", node, contract.subjects().size(),
					client);
		});
	}

	/** The subjects of {@code node}: its topics' values and its state stores'. */
	public static Set<String> subjectsOf(NodeId node) {
		return contractOf(node, null, Duration.ZERO).subjects();
	}

	/** What both sides of {@code node} register at start-up. */
	private static ContractRegistration contractOf(NodeId node, SchemaRegistryClient registry, Duration wait) {
		return new ContractRegistration(registry, Topics.ownedBy(node),
				List.of(SentStores.subjects(node, ProducerSide.NAME), InboxStores.subjects(node, ConsumerSide.NAME)),
				wait);
	}

}
