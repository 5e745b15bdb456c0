package mekong.exchange.core.routing;

import java.util.List;
import java.util.function.BiPredicate;

import mekong.exchange.core.agreements.Agreement;

/**
 * One named rule of the exchange. It keeps, of the agreements that could carry an alert
 * to a partner, those it accepts; when it keeps none, the alert is denied to that partner
 * with {@link #denial()}.
 */
record RoutingPolicy(String name, DenialReason denial, BiPredicate<Agreement, AlertFacts> accepts) {

	List<Agreement> narrow(List<Agreement> candidates, AlertFacts alert) {
		return candidates.stream().filter((agreement) -> this.accepts.test(agreement, alert)).toList();
	}

}
