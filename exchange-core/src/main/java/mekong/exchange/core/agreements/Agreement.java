package mekong.exchange.core.agreements;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import mekong.exchange.core.node.NodeId;

/**
 * A memorandum of understanding between two nodes: from when to when (both days included,
 * in the node's time zone) they exchange alerts, on which crime areas, up to which TLP
 * label, and how long the receiving side may keep what it receives. It binds both nodes
 * the same way.
 *
 * @param retention how long a receiving node may keep an alert after taking its newest
 * revision; the alert's own expiry can only shorten it
 */
public record Agreement(AgreementId id, NodeId firstParty, NodeId secondParty, LocalDate validFrom, LocalDate validTo,
		Set<CrimeCategory> categories, TrafficLight highestTlp, Duration retention) {

	/** What an agreement that does not say lets a receiver keep. */
	public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);

	public Agreement {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(firstParty, "firstParty");
		Objects.requireNonNull(secondParty, "secondParty");
		Objects.requireNonNull(validFrom, "validFrom");
		Objects.requireNonNull(validTo, "validTo");
		Objects.requireNonNull(highestTlp, "highestTlp");
		Objects.requireNonNull(retention, "retention");
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException(
					"agreement " + id + " lets the receiver keep nothing (" + retention + ")");
		}
		if (firstParty.equals(secondParty)) {
			throw new IllegalArgumentException("agreement " + id + " binds " + firstParty + " to itself");
		}
		if (validTo.isBefore(validFrom)) {
			throw new IllegalArgumentException(
					"agreement " + id + " ends (" + validTo + ") before it starts (" + validFrom + ")");
		}
		if (categories == null || categories.isEmpty()) {
			throw new IllegalArgumentException("agreement " + id + " covers no crime category");
		}
		categories = Set.copyOf(EnumSet.copyOf(categories));
	}

	public boolean binds(NodeId node) {
		return this.firstParty.equals(node) || this.secondParty.equals(node);
	}

	public boolean binds(NodeId one, NodeId other) {
		return binds(one) && binds(other) && !one.equals(other);
	}

	/** The other party, as seen from {@code node}. */
	public NodeId partnerOf(NodeId node) {
		if (!binds(node)) {
			throw new IllegalArgumentException(node + " is not a party to agreement " + this.id);
		}
		return this.firstParty.equals(node) ? this.secondParty : this.firstParty;
	}

	public boolean inForceOn(LocalDate day) {
		return !day.isBefore(this.validFrom) && !day.isAfter(this.validTo);
	}

	/** Whether it has not ended by {@code day}: in force then, or not started yet. */
	public boolean notEndedBy(LocalDate day) {
		return !day.isAfter(this.validTo);
	}

	public boolean covers(CrimeCategory category) {
		return category != null && this.categories.contains(category);
	}

	/** False for a label this node does not know ({@code null}). */
	public boolean allows(TrafficLight tlp) {
		return tlp != null && tlp.allowedUpTo(this.highestTlp);
	}

	/**
	 * True if both agreements bind the same two nodes and are in force on at least one
	 * common day.
	 */
	public boolean overlaps(Agreement other) {
		return binds(other.firstParty, other.secondParty) && !other.validTo.isBefore(this.validFrom)
				&& !other.validFrom.isAfter(this.validTo);
	}

}
