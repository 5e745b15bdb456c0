package mekong.exchange.core.agreements;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import mekong.exchange.core.node.NodeId;

/**
 * Who may exchange with whom, from the two parties of each agreement: what Kafka's ACLs
 * and the topics crossing a border follow.
 */
public final class Partners {

	private Partners() {
	}

	/** Each of {@code nodes} with the nodes it has an agreement with. */
	public static Map<NodeId, Set<NodeId>> of(Collection<NodeId> nodes,
			Collection<? extends Collection<NodeId>> agreements) {
		Map<NodeId, Set<NodeId>> partners = new TreeMap<>();
		nodes.forEach((node) -> partners.put(node, new TreeSet<>()));
		for (Collection<NodeId> parties : agreements) {
			for (NodeId party : parties) {
				Set<NodeId> itsPartners = partners.get(party);
				if (itsPartners != null) {
					parties.stream().filter((other) -> !other.equals(party)).forEach(itsPartners::add);
				}
			}
		}
		return partners;
	}

}
