package mekong.exchange.core.agreements;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import mekong.exchange.core.node.NodeId;

/**
 * The agreements a node knows about, whether in force or not. Two agreements between the
 * same nodes may follow each other but not overlap: on any day at most one governs what
 * two nodes exchange.
 */
public final class AgreementBook {

	private final List<Agreement> agreements;

	/**
	 * @throws IllegalArgumentException if two agreements between the same nodes overlap
	 */
	public AgreementBook(List<Agreement> agreements) {
		this.agreements = List.copyOf(agreements);
		for (int i = 0; i < this.agreements.size(); i++) {
			for (int j = i + 1; j < this.agreements.size(); j++) {
				Agreement one = this.agreements.get(i);
				Agreement other = this.agreements.get(j);
				if (one.overlaps(other)) {
					throw new IllegalArgumentException("Agreements " + one.id() + " (" + one.validFrom() + " to "
							+ one.validTo() + ") and " + other.id() + " (" + other.validFrom() + " to "
							+ other.validTo() + ") between " + one.firstParty() + " and " + one.secondParty()
							+ " overlap; end one before the other starts");
				}
			}
		}
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

	/** The agreement {@code id}, if this node knows it. */
	public Optional<Agreement> find(AgreementId id) {
		return this.agreements.stream().filter((agreement) -> agreement.id().equals(id)).findFirst();
	}

	public List<Agreement> all() {
		return this.agreements;
	}

}
