package mekong.exchange.core.routing;

import java.util.Objects;

import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.node.NodeId;

/**
 * What happens to one alert revision for one partner. Outcomes are values, not
 * exceptions.
 */
public sealed interface RoutingDecision
		permits RoutingDecision.Routed, RoutingDecision.Denied, RoutingDecision.Unroutable {

	/** Deliver to {@code to}'s inbox, as allowed by agreement {@code under}. */
	record Routed(NodeId to, AgreementId under) implements RoutingDecision {

		public Routed {
			Objects.requireNonNull(to, "to");
			Objects.requireNonNull(under, "under");
		}

	}

	/** Do not deliver to {@code to}; tell the origin why. */
	record Denied(NodeId to, DenialReason reason, String detail) implements RoutingDecision {

		public Denied {
			Objects.requireNonNull(to, "to");
			Objects.requireNonNull(reason, "reason");
			Objects.requireNonNull(detail, "detail");
		}

	}

	/** The alert named no addressee and the origin has no partner to send it to. */
	record Unroutable(String detail) implements RoutingDecision {

		public Unroutable {
			Objects.requireNonNull(detail, "detail");
		}

	}

}
