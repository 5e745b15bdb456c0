package mekong.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * Who has an agreement with whom in the stack's {@value #NODES_YML}, the file its nodes
 * route by, so that Kafka's ACLs follow the same agreements.
 */
final class StackAgreements {

	static final String NODES_YML = "local-stack/nodes.yml";

	private StackAgreements() {
	}

	/** The two parties of each agreement the stack's nodes route under. */
	static List<List<NodeId>> parties() {
		return nodesSettings().bind("mekong.routing.agreements", Bindable.listOf(Parties.class))
			.orElse(List.of())
			.stream()
			.map(Parties::parties)
			.toList();
	}

	/** The settings the stack's nodes share, as in {@value #NODES_YML}. */
	static Binder nodesSettings() {
		try {
			return new Binder(ConfigurationPropertySources
				.from(new YamlPropertySourceLoader().load(NODES_YML, new ClassPathResource(NODES_YML))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + NODES_YML, ex);
		}
	}

	record Parties(List<NodeId> parties) {
	}

}
