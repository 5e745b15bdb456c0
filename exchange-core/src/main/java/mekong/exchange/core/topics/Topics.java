package mekong.exchange.core.topics;

import java.util.List;

import mekong.exchange.avro.AccessEvent;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.core.node.NodeId;

/**
 * The one catalogue of topics: every topic name of the exchange is written here and
 * nowhere else. All keys are the alert id, so every revision and acknowledgement of an
 * alert stays in order on one partition.
 */
public final class Topics {

	/** How every topic of the exchange's contract begins. */
	public static final String PREFIX = "exchange.";

	/** The roles of the topics several nodes write, as their names end. */
	private static final List<String> SHARED_SUFFIXES = List.of(".inbox", ".acks");

	private Topics() {
	}

	/**
	 * Alerts the node's desks (or the node's own systems) send; read by the node's
	 * router.
	 */
	public static Topic<String, Alert> outbox(NodeId node) {
		return new Topic<>(name(node, "outbox"), String.class, Alert.class);
	}

	/**
	 * Alerts partners' routers deliver to the node; read by the node's receiver. Where
	 * each country runs its own cluster, the node's inbox on a partner country's cluster
	 * is where that country's routers deliver to it, and the node's country's MirrorMaker
	 * carries it home under the same name ({@code BorderCrossing}); so does its acks
	 * topic.
	 */
	public static Topic<String, Alert> inbox(NodeId node) {
		return new Topic<>(name(node, "inbox"), String.class, Alert.class);
	}

	/**
	 * What happened to the node's alerts at each addressee; read by the node's sender
	 * view.
	 */
	public static Topic<String, Acknowledgement> acks(NodeId node) {
		return new Topic<>(name(node, "acks"), String.class, Acknowledgement.class);
	}

	/**
	 * Records the node's consumers could not process: original bytes plus reason headers.
	 */
	public static Topic<String, byte[]> dlq(NodeId node) {
		return new Topic<>(name(node, "dlq"), String.class, byte[].class);
	}

	/**
	 * The answers the node's desks give to alerts in its inbox, on their way from the
	 * desk API to the receiving side, which keeps each with its inbox entry and tells the
	 * origin, in one transaction.
	 */
	public static Topic<String, Acknowledgement> deskAcks(NodeId node) {
		return new Topic<>(name(node, "desk-acks"), String.class, Acknowledgement.class);
	}

	/**
	 * The node's alerts that an addressee did not accept in time, one record per alert,
	 * revision and addressee, for whoever follows escalations (the node's own view
	 * records them as it raises them).
	 */
	public static Topic<String, Escalation> escalations(NodeId node) {
		return new Topic<>(name(node, "escalations"), String.class, Escalation.class);
	}

	/**
	 * Who did what with which alert, and when, at the node, written in the transaction of
	 * each action; no alert content, so it may be kept longer than the alerts.
	 */
	public static Topic<String, AuditEvent> audit(NodeId node) {
		return new Topic<>(name(node, "audit"), String.class, AuditEvent.class);
	}

	/**
	 * Who read which alerts, or searched for whom, through the node's desk API: personal
	 * data about who looked at personal data, so only the node reads it (not the
	 * operator), it never crosses a border, and it is kept as long as the audit topic.
	 * Keyed by the login.
	 */
	public static Topic<String, AccessEvent> access(NodeId node) {
		return new Topic<>(name(node, "access"), String.class, AccessEvent.class);
	}

	/** Every topic a node owns and creates at start-up. */
	public static List<Topic<String, ?>> ownedBy(NodeId node) {
		return List.of(outbox(node), inbox(node), acks(node), dlq(node), deskAcks(node), escalations(node), audit(node),
				access(node));
	}

	/**
	 * Whether {@code topic} is kept for the node's audit period rather than its alerts':
	 * its audit and access topics.
	 */
	public static boolean isKeptForAudit(Topic<?, ?> topic, NodeId node) {
		return topic.equals(audit(node)) || topic.equals(access(node));
	}

	/**
	 * Whether several nodes write {@code topic}: an inbox (partners' routers) or an acks
	 * topic (partners' receivers and desks). Its records cross from one node to another,
	 * so each is signed by the node that wrote it and verified by its reader; the node's
	 * other topics only it may write (ACLs), and are not signed.
	 */
	public static boolean isShared(String topic) {
		for (String suffix : SHARED_SUFFIXES) {
			if (topic.startsWith(PREFIX) && topic.endsWith(suffix)
					&& NodeId.isValid(topic.substring(PREFIX.length(), topic.length() - suffix.length()))) {
				return true;
			}
		}
		return false;
	}

	private static String name(NodeId node, String role) {
		return PREFIX + node.code() + "." + role;
	}

}
