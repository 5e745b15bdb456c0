package mekong.exchange.producer.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.producer.tracking.SentAlert;

/**
 * One event of an alert's audit trail, as the desk API shows it: {@code user} is the
 * login that sent a revision at this node (null for what services and partners do).
 */
record AuditEntryView(Instant at, int revision, String action, String node, String actor, String user, String addressee,
		String detail) {

	static AuditEntryView of(AuditEvent event) {
		return new AuditEntryView(event.getAt(), event.getRevision(), event.getAction().name(), event.getNode(),
				event.getActor(), event.getUser(), event.getAddressee(), event.getDetail());
	}

	/**
	 * The trail of one of the node's alerts, oldest first, as the sender view holds it:
	 * each revision sent, each routing decision and acknowledgement, each escalation.
	 */
	static List<AuditEntryView> trailOf(SentAlert sent, NodeId node) {
		List<AuditEntryView> trail = new ArrayList<>();
		for (RevisionSummary revision : sent.revisions()) {
			trail.add(new AuditEntryView(revision.getSentAt(), revision.getRevision(),
					AuditEvents.actionOf(revision.getMessageType()).name(), node.code(), revision.getSentBy(),
					revision.getSentByUser(), null, null));
		}
		sent.history().forEach((ack) -> trail.add(of(AuditEvents.acknowledged(ack, node.code()))));
		sent.escalations().forEach((escalation) -> trail.add(of(AuditEvents.escalated(escalation, node))));
		trail.sort(Comparator.comparing(AuditEntryView::at));
		return trail;
	}

	/**
	 * What remains of an erased alert's trail: that it existed, and when it was erased.
	 */
	static List<AuditEntryView> erased(SentHead head, NodeId node) {
		return List
			.of(of(AuditEvents.erased(head.getAlertId(), head.getRevision(), node.code(), node, head.getErasedAt())));
	}

}
