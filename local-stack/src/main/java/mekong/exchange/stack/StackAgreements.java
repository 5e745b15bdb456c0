package mekong.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

	/** Each of {@code nodes} with the nodes it has an agreement with. */
	static Map<NodeId, Set<NodeId>> partnersOf(List<NodeId> nodes) {
		Map<NodeId, Set<NodeId>> partners = new TreeMap<>();
		nodes.forEach((node) -> partners.put(node, new TreeSet<>()));
		for (Parties agreement : agreements()) {
			for (NodeId party : agreement.parties()) {
				if (partners.containsKey(party)) {
					agreement.parties()
						.stream()
						.filter((other) -> !other.equals(party))
						.forEach(partners.get(party)::add);
				}
			}
		}
		return partners;
	}

	private static List<Parties> agreements() {
		return nodesSettings().bind("mekong.routing.agreements", Bindable.listOf(Parties.class)).orElse(List.of());
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
