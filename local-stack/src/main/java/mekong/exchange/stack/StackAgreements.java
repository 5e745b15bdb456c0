package mekong.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.ops.access.AgreementParties;
import mekong.exchange.ops.access.KafkaAccessGrant.TopicLayout;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Who has an agreement with whom in the stack's {@value #NODES_YML}, the file its nodes
 * route by, read as the init step of a cluster reads it ({@link AgreementParties}), so
 * that Kafka's ACLs follow the same agreements.
 */
final class StackAgreements {

	static final String NODES_YML = "local-stack/nodes.yml";

	private static final String NODE_DEFAULTS = "mekong-node-defaults.yml";

	private StackAgreements() {
	}

	/** The two parties of each agreement the stack's nodes route under. */
	static List<List<NodeId>> parties() {
		return nodesSettings().bindOrCreate("mekong.routing", AgreementParties.class).parties();
	}

	/**
	 * How the stack's nodes create their topics ({@value #NODES_YML} over every node's
	 * defaults), for the topics that leave a cluster, which no node creates.
	 */
	static TopicLayout topicLayout() {
		TopicProperties topics = nodesSettings().bindOrCreate("mekong.topics", TopicProperties.class);
		return new TopicLayout(topics.partitions(), topics.replicationFactor(), topics.retention());
	}

	/**
	 * The settings the stack's nodes share, as in {@value #NODES_YML}, over the defaults
	 * of every node ({@value #NODE_DEFAULTS}).
	 */
	static Binder nodesSettings() {
		try {
			List<PropertySource<?>> sources = new ArrayList<>();
			sources.addAll(new YamlPropertySourceLoader().load(NODES_YML, new ClassPathResource(NODES_YML)));
			sources.addAll(new YamlPropertySourceLoader().load(NODE_DEFAULTS, new ClassPathResource(NODE_DEFAULTS)));
			return new Binder(ConfigurationPropertySources.from(sources));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + NODES_YML, ex);
		}
	}

}
