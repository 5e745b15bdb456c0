package mekong.exchange.boot.agreements;

import java.util.Set;
import java.util.stream.Collectors;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.boot.streams.DeadLetterReason;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.AlertFacts;

/** What the routing rules read of an alert, for the router and the receiver alike. */
public final class RoutingFacts {

	private RoutingFacts() {
	}

	/**
	 * What the routing rules read of an alert whose origin is a node; an addressee that
	 * is not a node code is rejected.
	 */
	public static AlertFacts of(Alert alert) {
		Set<NodeId> addressees;
		try {
			addressees = alert.getAddressees().stream().map(NodeId::of).collect(Collectors.toSet());
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException(DeadLetterReason.MALFORMED_ADDRESSEE,
					"Alert " + alert.getAlertId() + " names an addressee that is not a node: " + ex.getMessage());
		}
		return new AlertFacts(alert.getAlertId(), alert.getRevision(), NodeId.of(alert.getOrigin().getNodeId()),
				addressees, CrimeCategory.named(alert.getCategory().name()),
				TrafficLight.named(alert.getHandling().getTlp().name()), alert.getSentAt(),
				alert.getMessageType() == MessageType.CANCEL);
	}

}
