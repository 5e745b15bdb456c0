package mekong.exchange.core.routing;

import java.time.Instant;
import java.util.List;

import mekong.exchange.core.agreements.Agreement;

/**
 * One named rule of the exchange. It keeps, of the agreements that could carry an alert
 * to a partner, those it accepts at the instant the alert is judged; when it keeps none,
 * the alert is denied to that partner with {@link #denial()}.
 */
record RoutingPolicy(String name, DenialReason denial, Rule accepts) {

	/** Whether an agreement may carry an alert judged at an instant. */
	@FunctionalInterface
	interface Rule {

		boolean test(Agreement agreement, AlertFacts alert, Instant judgedAt);

	}

	List<Agreement> narrow(List<Agreement> candidates, AlertFacts alert, Instant judgedAt) {
		return candidates.stream().filter((agreement) -> this.accepts.test(agreement, alert, judgedAt)).toList();
	}

}
