package mekong.exchange.core.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.node.NodeId;

/**
 * What the routing rules need to know of one alert revision.
 *
 * @param addressees the nodes named by the sender; empty means every partner the
 * agreements allow
 * @param category the crime category, or {@code null} when the sender used one this node
 * does not know (a newer version of the contract); no agreement covers an unknown
 * category
 * @param tlp the TLP label, or {@code null} when unknown to this node; no agreement
 * allows an unknown label
 * @param withdrawal whether the revision withdraws the alert (a CANCEL): it adds nothing,
 * so it may follow earlier revisions wherever they went
 */
public record AlertFacts(UUID alertId, int revision, NodeId origin, Set<NodeId> addressees, CrimeCategory category,
		TrafficLight tlp, Instant sentAt, boolean withdrawal) {

	public AlertFacts {
		Objects.requireNonNull(alertId, "alertId");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(sentAt, "sentAt");
		addressees = Set.copyOf(addressees);
	}

}
