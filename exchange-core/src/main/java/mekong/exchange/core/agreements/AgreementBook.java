package mekong.exchange.core.agreements;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import mekong.exchange.core.node.NodeId;

/** The agreements a node knows about, whether in force or not. */
public final class AgreementBook {

	private final List<Agreement> agreements;

	public AgreementBook(List<Agreement> agreements) {
		this.agreements = List.copyOf(agreements);
	}

	/** Every agreement between the two nodes, in the order they were configured. */
	public List<Agreement> between(NodeId one, NodeId other) {
		return this.agreements.stream().filter((agreement) -> agreement.binds(one, other)).toList();
	}

	/** Every node that has at least one agreement with {@code node}, sorted by code. */
	public Set<NodeId> partnersOf(NodeId node) {
		Set<NodeId> partners = new TreeSet<>();
		this.agreements.stream()
			.filter((agreement) -> agreement.binds(node))
			.forEach((agreement) -> partners.add(agreement.partnerOf(node)));
		return partners;
	}

	public List<Agreement> all() {
		return this.agreements;
	}

}
