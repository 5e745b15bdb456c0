package mekong.exchange.core.audit;

import java.time.Instant;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditAction;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.MessageType;
import mekong.exchange.core.acks.AckWriters;
import mekong.exchange.core.node.NodeId;

/**
 * The audit events of the exchange's actions, each addressed to the audit topic of the
 * node where it is written. They name people and nodes, reasons and statuses, never what
 * an alert or an officer's note says.
 */
public final class AuditEvents {

	/** The actor of what a node's router does. */
	public static final String ROUTER = "router";

	/** The actor of what a node's receiver does. */
	public static final String RECEIVER = "receiver";

	/** The actor of what a node's escalator does. */
	public static final String ESCALATOR = "escalator";

	/** The actor of what a node does when an alert's retention ends. */
	public static final String ERASER = "retention";

	private AuditEvents() {
	}

	/**
	 * A desk of the origin sent a revision: filed, updated or cancelled the alert.
	 * @param user the login that sent it, null if unknown (another system wrote it)
	 */
	public static AuditEvent sent(Alert alert, String user) {
		return event(alert.getAlertId(), alert.getRevision(), alert.getOrigin().getNodeId(),
				actionOf(alert.getMessageType()))
			.setNode(alert.getOrigin().getNodeId())
			.setActor(alert.getOrigin().getDeskId() + "/" + alert.getOrigin().getOfficer())
			.setUser(user)
			.setAt(alert.getSentAt())
			.build();
	}

	/**
	 * What an acknowledgement tells: routed or denied by the origin's router, received or
	 * answered at the addressee.
	 * @param origin the node that opened the alert
	 */
	public static AuditEvent acknowledged(Acknowledgement ack, String origin) {
		boolean atOrigin = AckWriters.byOriginsRouter(ack.getStatus());
		String actor = atOrigin ? ROUTER : (ack.getBy() != null) ? ack.getBy() : RECEIVER;
		String detail = switch (ack.getStatus()) {
			case ROUTED -> ack.getNote();
			case DENIED_BY_POLICY -> ack.getReason();
			default -> null;
		};
		return event(ack.getAlertId(), ack.getRevision(), origin, actionOf(ack.getStatus()))
			.setNode(AckWriters.writerOf(ack, origin))
			.setActor(actor)
			.setAddressee(ack.getRecipientNode())
			.setAt(ack.getAt())
			.setDetail(detail)
			.build();
	}

	/** An addressee did not accept a revision in time. */
	public static AuditEvent escalated(Escalation escalation, NodeId origin) {
		return event(escalation.getAlertId(), escalation.getRevision(), origin.code(), AuditAction.ESCALATED)
			.setNode(origin.code())
			.setActor(ESCALATOR)
			.setAddressee(escalation.getAddressee())
			.setAt(escalation.getEscalatedAt())
			.setDetail((escalation.getLastStatus() != null) ? "last status " + escalation.getLastStatus() : null)
			.build();
	}

	/**
	 * The node erased what it kept of an alert, its retention having ended: only the ids
	 * and the time remain.
	 * @param revision the newest revision the node held
	 * @param node where the alert was erased
	 */
	public static AuditEvent erased(UUID alertId, int revision, String origin, NodeId node, Instant at) {
		return event(alertId, revision, origin, AuditAction.ERASED).setNode(node.code())
			.setActor(ERASER)
			.setAt(at)
			.build();
	}

	/**
	 * What sending a revision of {@code type} did: filed, updated or cancelled the alert.
	 */
	public static AuditAction actionOf(MessageType type) {
		return switch (type) {
			case ALERT -> AuditAction.FILED;
			case UPDATE -> AuditAction.UPDATED;
			case CANCEL -> AuditAction.CANCELLED;
			default -> AuditAction.UNKNOWN;
		};
	}

	private static AuditAction actionOf(AckStatus status) {
		return switch (status) {
			case ROUTED -> AuditAction.ROUTED;
			case DENIED_BY_POLICY -> AuditAction.DENIED;
			case RECEIVED -> AuditAction.RECEIVED;
			case ACCEPTED -> AuditAction.ACCEPTED;
			case ACTIONED -> AuditAction.ACTIONED;
			case REJECTED -> AuditAction.REJECTED;
			default -> AuditAction.UNKNOWN;
		};
	}

	private static AuditEvent.Builder event(UUID alertId, int revision, String origin, AuditAction action) {
		return AuditEvent.newBuilder().setAlertId(alertId).setRevision(revision).setOrigin(origin).setAction(action);
	}

}
