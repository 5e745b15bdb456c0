package mekong.exchange.core.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision.Unroutable;

/**
 * Decides, deny by default, which partners receive an alert: a partner receives it only
 * if an agreement between the two nodes is in force on the day the alert was sent and has
 * not ended by the day it is judged (the router's or the receiver's clock, less a skew
 * between clocks), covers its crime category and allows its TLP label. TLP:RED and
 * TLP:AMBER+STRICT alerts go only to addressees the sender named: an alert without
 * addressees is never broadcast with them. Of the policies narrowing the agreements, the
 * first that leaves none decides the reason.
 * <p>
 * A withdrawal (CANCEL) adds nothing: it goes to every partner an earlier revision was
 * delivered to, under the agreement it was delivered under, even one that has ended since
 * or no longer covers the alert, so that no partner keeps a withdrawn alert active.
 */
public final class RoutingRules {

	private final AgreementBook agreements;

	private final List<RoutingPolicy> policies;

	/**
	 * @param agreements the agreements the deciding node knows
	 * @param borderZone the time zone in which agreement dates are read
	 * @param clockSkew how far the deciding node's clock may be ahead of the sender's: an
	 * alert judged less than this after its agreement ended still passes
	 */
	public RoutingRules(AgreementBook agreements, ZoneId borderZone, Duration clockSkew) {
		this.agreements = Objects.requireNonNull(agreements, "agreements");
		Objects.requireNonNull(borderZone, "borderZone");
		Objects.requireNonNull(clockSkew, "clockSkew");
		this.policies = List.of(
				new RoutingPolicy("agreement in force on the day sent", DenialReason.AGREEMENT_NOT_IN_FORCE,
						(agreement, alert, judgedAt) -> agreement
							.inForceOn(alert.sentAt().atZone(borderZone).toLocalDate())),
				new RoutingPolicy("agreement not ended when judged", DenialReason.AGREEMENT_ENDED,
						(agreement, alert, judgedAt) -> agreement
							.notEndedBy(judgedAt.minus(clockSkew).atZone(borderZone).toLocalDate())),
				new RoutingPolicy("agreement covers the category", DenialReason.CATEGORY_NOT_COVERED,
						(agreement, alert, judgedAt) -> agreement.covers(alert.category())),
				new RoutingPolicy("agreement allows the TLP label", DenialReason.TLP_NOT_ALLOWED,
						(agreement, alert, judgedAt) -> agreement.allows(alert.tlp())));
	}

	/**
	 * One decision per addressee, or per partner of the origin when the alert names no
	 * addressee, judged at {@code judgedAt}; a withdrawal also goes to each partner an
	 * earlier revision went to, named or not.
	 * @param deliveredUnder the partners earlier revisions of the alert were delivered
	 * to, with the agreement each went under: a withdrawal follows them
	 */
	public List<RoutingDecision> decide(AlertFacts alert, Instant judgedAt, Map<NodeId, AgreementId> deliveredUnder) {
		Set<NodeId> recipients = new TreeSet<>(
				alert.addressees().isEmpty() ? this.agreements.partnersOf(alert.origin()) : alert.addressees());
		if (alert.withdrawal()) {
			recipients.addAll(deliveredUnder.keySet());
		}
		if (recipients.isEmpty()) {
			return List.of(new Unroutable(alert.origin() + " has no agreement with any partner"));
		}
		List<RoutingDecision> decisions = new ArrayList<>();
		recipients.forEach(
				(recipient) -> decisions.add(decideFor(alert, recipient, judgedAt, deliveredUnder.get(recipient))));
		return decisions;
	}

	/**
	 * Whether {@code alert} may go to {@code recipient} at {@code judgedAt}, whether or
	 * not the alert names it.
	 * @param earlierUnder the agreement an earlier revision went to {@code recipient}
	 * under, null if none did: a withdrawal follows it
	 */
	public RoutingDecision decideFor(AlertFacts alert, NodeId recipient, Instant judgedAt, AgreementId earlierUnder) {
		if (recipient.equals(alert.origin())) {
			return new Denied(recipient, DenialReason.ADDRESSED_TO_ORIGIN, alert.origin() + " addressed itself");
		}
		if (alert.withdrawal() && earlierUnder != null) {
			return new Routed(recipient, earlierUnder);
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
			List<Agreement> remaining = policy.narrow(candidates, alert, judgedAt);
			if (remaining.isEmpty()) {
				return new Denied(recipient, policy.denial(), describe(policy, alert, recipient, judgedAt, candidates));
			}
			candidates = remaining;
		}
		return new Routed(recipient, candidates.get(0).id());
	}

	private static String describe(RoutingPolicy policy, AlertFacts alert, NodeId recipient, Instant judgedAt,
			List<Agreement> candidates) {
		return "no " + policy.name() + " between " + alert.origin() + " and " + recipient + " (sent " + alert.sentAt()
				+ ", judged " + judgedAt + ", category " + known(alert.category()) + ", TLP " + known(alert.tlp())
				+ "; considered "
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
