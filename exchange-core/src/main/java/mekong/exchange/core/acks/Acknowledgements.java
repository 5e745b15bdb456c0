package mekong.exchange.core.acks;

import java.time.Instant;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;

/**
 * Acknowledgements of one revision at one recipient: the origin router's decisions, kept
 * in the origin's own history, and what the recipient tells the origin in its acks topic.
 */
public final class Acknowledgements {

	private Acknowledgements() {
	}

	/** The origin's router delivered the revision to the recipient's inbox. */
	public static Acknowledgement routed(Alert alert, NodeId recipient, String agreement, Instant at) {
		return ack(alert, recipient, AckStatus.ROUTED, at, null, null, "under agreement " + agreement);
	}

	/** The origin's router refused to deliver it. */
	public static Acknowledgement denied(Alert alert, NodeId recipient, String reason, String detail, Instant at) {
		return ack(alert, recipient, AckStatus.DENIED_BY_POLICY, at, null, reason, detail);
	}

	/** The recipient's receiver took the revision. */
	public static Acknowledgement received(Alert alert, NodeId recipient, Instant at) {
		return ack(alert, recipient, AckStatus.RECEIVED, at, null, null, null);
	}

	/** A desk officer of the recipient decided. */
	public static Acknowledgement fromDesk(Alert alert, NodeId recipient, AckStatus status, String by, String user,
			String note, Instant at) {
		return Acknowledgement.newBuilder(ack(alert, recipient, status, at, by, null, note)).setUser(user).build();
	}

	/** The acks topic of the node that opened {@code alert}. */
	public static String originAcks(Alert alert) {
		return Topics.acks(NodeId.of(alert.getOrigin().getNodeId())).name();
	}

	private static Acknowledgement ack(Alert alert, NodeId recipient, AckStatus status, Instant at, String by,
			String reason, String note) {
		return Acknowledgement.newBuilder()
			.setAlertId(alert.getAlertId())
			.setRevision(alert.getRevision())
			.setRecipientNode(recipient.code())
			.setStatus(status)
			.setAt(at)
			.setBy(by)
			.setReason(reason)
			.setNote(note)
			.build();
	}

}
