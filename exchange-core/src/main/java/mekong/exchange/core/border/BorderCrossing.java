package mekong.exchange.core.border;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import mekong.exchange.core.agreements.Partners;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;

/**
 * What crosses a border when each country runs its own Kafka cluster, derived from the
 * agreements and from which nodes run on which cluster.
 * <p>
 * A router delivers to a partner abroad exactly as to a partner at home: into the
 * partner's inbox topic ({@link Topics#inbox}), on its own cluster; receivers and desks
 * acknowledge into the sender's acks topic ({@link Topics#acks}) on theirs. On a cluster,
 * the inbox and acks topics of nodes that run elsewhere are the <em>leaving</em> topics:
 * only the nodes with an agreement write them, and only the MirrorMaker of the
 * addressee's country reads them. That MirrorMaker runs at home and pulls the leaving
 * topics addressed to its nodes into the topics of the same name on its own cluster
 * (Kafka's {@code IdentityReplicationPolicy}), where the node reads them as if a partner
 * at home had written them. Nothing is mirrored both ways: a country pulls only its own
 * nodes' inbox and acks topics, which the other country's MirrorMaker never pulls back.
 */
public final class BorderCrossing {

	private BorderCrossing() {
	}

	/** The username of the MirrorMaker {@code country} runs, on both clusters. */
	public static String mirrorUsernameOf(String country) {
		return "mirror-" + country;
	}

	/**
	 * The topics on the cluster of {@code homeNodes} addressed to nodes that run
	 * elsewhere, by the country that pulls them: the inbox and acks topic of each partner
	 * abroad.
	 */
	public static Map<String, Set<Topic<String, ?>>> leaving(Collection<NodeId> homeNodes,
			Collection<? extends Collection<NodeId>> agreements) {
		Map<String, Set<Topic<String, ?>>> leaving = new TreeMap<>();
		Partners.of(homeNodes, agreements)
			.values()
			.stream()
			.flatMap(Set::stream)
			.filter((partner) -> isAbroad(partner, homeNodes))
			.distinct()
			.sorted()
			.forEach((partner) -> leaving.computeIfAbsent(partner.country(), (country) -> new LinkedHashSet<>())
				.addAll(crossingTo(partner)));
		return leaving;
	}

	/**
	 * The topics the MirrorMaker of the cluster of {@code homeNodes} pulls home, by the
	 * country whose cluster it pulls them from: the inbox and acks topic of each home
	 * node with a partner there.
	 */
	public static Map<String, Set<Topic<String, ?>>> arriving(Collection<NodeId> homeNodes,
			Collection<? extends Collection<NodeId>> agreements) {
		Map<String, Set<Topic<String, ?>>> arriving = new TreeMap<>();
		Partners.of(homeNodes, agreements)
			.forEach((node, partners) -> partners.stream()
				.filter((partner) -> isAbroad(partner, homeNodes))
				.forEach((partner) -> arriving.computeIfAbsent(partner.country(), (country) -> new LinkedHashSet<>())
					.addAll(crossingTo(node))));
		return arriving;
	}

	/**
	 * Whether {@code node} runs on another cluster than {@code homeNodes}: no node of its
	 * country runs on theirs (a partner at home that runs no node yet is not abroad).
	 */
	private static boolean isAbroad(NodeId node, Collection<NodeId> homeNodes) {
		return homeNodes.stream().noneMatch((home) -> home.country().equals(node.country()));
	}

	/** The topics through which records cross to {@code node}. */
	private static List<Topic<String, ?>> crossingTo(NodeId node) {
		return List.of(Topics.inbox(node), Topics.acks(node));
	}

}
