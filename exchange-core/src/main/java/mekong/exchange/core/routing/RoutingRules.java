package mekong.exchange.core.routing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision.Unroutable;

/**
 * Decides, deny by default, which partners receive an alert: a partner receives it only
 * if an agreement between the two nodes is in force on the day the alert was sent, covers
 * its crime category and allows its TLP label. TLP:RED and TLP:AMBER+STRICT alerts go
 * only to addressees the sender named: an alert without addressees is never broadcast
 * with them. Of the policies narrowing the agreements, the first that leaves none decides
 * the reason.
 */
public final class RoutingRules {

	private final AgreementBook agreements;

	private final List<RoutingPolicy> policies;

	/**
	 * @param agreements the agreements the deciding node knows
	 * @param borderZone the time zone in which agreement dates are read
	 */
	public RoutingRules(AgreementBook agreements, ZoneId borderZone) {
		this.agreements = Objects.requireNonNull(agreements, "agreements");
		Objects.requireNonNull(borderZone, "borderZone");
		this.policies = List.of(
				new RoutingPolicy("agreement in force on the day sent", DenialReason.AGREEMENT_NOT_IN_FORCE,
						(agreement, alert) -> agreement.inForceOn(alert.sentAt().atZone(borderZone).toLocalDate())),
				new RoutingPolicy("agreement covers the category", DenialReason.CATEGORY_NOT_COVERED,
						(agreement, alert) -> agreement.covers(alert.category())),
				new RoutingPolicy("agreement allows the TLP label", DenialReason.TLP_NOT_ALLOWED,
						(agreement, alert) -> agreement.allows(alert.tlp())));
	}

	/**
	 * One decision per addressee, or per partner of the origin when the alert names no
	 * addressee.
	 */
	public List<RoutingDecision> decide(AlertFacts alert) {
		Set<NodeId> recipients = alert.addressees().isEmpty() ? this.agreements.partnersOf(alert.origin())
				: alert.addressees();
		if (recipients.isEmpty()) {
			return List.of(new Unroutable(alert.origin() + " has no agreement with any partner"));
		}
		List<RoutingDecision> decisions = new ArrayList<>();
		recipients.stream().sorted().forEach((recipient) -> decisions.add(decideFor(alert, recipient)));
		return decisions;
	}

	/**
	 * Whether {@code alert} may go to {@code recipient}, whether or not the alert names
	 * it.
	 */
	public RoutingDecision decideFor(AlertFacts alert, NodeId recipient) {
		if (recipient.equals(alert.origin())) {
			return new Denied(recipient, DenialReason.ADDRESSED_TO_ORIGIN, alert.origin() + " addressed itself");
		}
		if (alert.addressees().isEmpty() && (alert.tlp() == null || alert.tlp().needsNamedAddressees())) {
			return new Denied(recipient, DenialReason.TLP_NEEDS_NAMED_ADDRESSEE,
					"a TLP:" + ((alert.tlp() != null) ? alert.tlp() : "unknown")
							+ " alert goes only to the nodes its sender names, and this one names none");
		}
		List<Agreement> candidates = this.agreements.between(alert.origin(), recipient);
		if (candidates.isEmpty()) {
			return new Denied(recipient, DenialReason.NO_AGREEMENT,
					"no agreement between " + alert.origin() + " and " + recipient);
		}
		for (RoutingPolicy policy : this.policies) {
			List<Agreement> remaining = policy.narrow(candidates, alert);
			if (remaining.isEmpty()) {
				return new Denied(recipient, policy.denial(), describe(policy, alert, recipient, candidates));
			}
			candidates = remaining;
		}
		return new Routed(recipient, candidates.get(0).id());
	}

	private static String describe(RoutingPolicy policy, AlertFacts alert, NodeId recipient,
			List<Agreement> candidates) {
		return "no " + policy.name() + " between " + alert.origin() + " and " + recipient + " (sent " + alert.sentAt()
				+ ", category " + known(alert.category()) + ", TLP " + known(alert.tlp()) + "; considered "
				+ candidates.stream()
					.map((agreement) -> agreement.id() + " " + agreement.validFrom() + ".." + agreement.validTo() + " "
							+ agreement.categories().stream().sorted().toList() + " up to TLP:"
							+ agreement.highestTlp())
					.toList()
				+ ")";
	}

	private static String known(Enum<?> value) {
		return (value != null) ? value.name() : "not known to this node";
	}

}
