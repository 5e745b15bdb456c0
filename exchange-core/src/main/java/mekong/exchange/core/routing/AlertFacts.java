package mekong.exchange.core.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.node.NodeId;

/**
 * What the routing rules need to know of one alert revision.
 *
 * @param addressees the nodes named by the sender; empty means every partner the
 * agreements allow
 */
public record AlertFacts(UUID alertId, int revision, NodeId origin, Set<NodeId> addressees, CrimeCategory category,
		Instant sentAt) {

	public AlertFacts {
		Objects.requireNonNull(alertId, "alertId");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(sentAt, "sentAt");
		addressees = Set.copyOf(addressees);
	}

}
