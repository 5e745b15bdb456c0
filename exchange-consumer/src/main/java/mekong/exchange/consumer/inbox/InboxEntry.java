package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.node.NodeId;

/**
 * One alert in the node's inbox: every revision taken, oldest first, when the newest was
 * taken, and what the node's desks answered. Immutable; the view replaces it. Until the
 * first revision is in the view, an entry may hold desk answers only (the two come from
 * different topics).
 */
public record InboxEntry(List<Alert> revisions, Instant receivedAt, List<Acknowledgement> deskAcks) {

	public InboxEntry {
		revisions = List.copyOf(revisions);
		deskAcks = List.copyOf(deskAcks);
	}

	static InboxEntry answersOnly(Acknowledgement ack) {
		return new InboxEntry(List.of(), null, List.of(ack));
	}

	/** The persons the newest revision names, as the near-duplicate rule sees them. */
	List<PersonName> persons() {
		return received() ? AlertPersons.of(alert()) : List.of();
	}

	/** Whether a revision of the alert is in the inbox yet. */
	boolean received() {
		return !this.revisions.isEmpty();
	}

	/** The newest revision taken. */
	public Alert alert() {
		return this.revisions.get(this.revisions.size() - 1);
	}

	NodeId origin() {
		return NodeId.of(alert().getOrigin().getNodeId());
	}

	/** A cancelled alert leaves the active inbox; its history stays. */
	boolean cancelled() {
		return alert().getMessageType() == MessageType.CANCEL;
	}

	/** The entry with {@code newer} taken; the same entry if it is not newer. */
	InboxEntry withRevision(Alert newer, Instant at) {
		if (received() && newer.getRevision() <= alert().getRevision()) {
			return this;
		}
		List<Alert> updated = new ArrayList<>(this.revisions);
		updated.add(newer);
		updated.sort(Comparator.comparingInt(Alert::getRevision));
		return new InboxEntry(updated, at, this.deskAcks);
	}

	/** The entry with {@code ack}; the same entry if it holds it already. */
	InboxEntry withDeskAck(Acknowledgement ack) {
		if (this.deskAcks.contains(ack)) {
			return this;
		}
		List<Acknowledgement> updated = new ArrayList<>(this.deskAcks);
		updated.add(ack);
		return new InboxEntry(this.revisions, this.receivedAt, updated);
	}

	/** The desks' answers to the newest revision, newest last. */
	List<Acknowledgement> deskAcksOfCurrentRevision() {
		return this.deskAcks.stream().filter((ack) -> ack.getRevision() == alert().getRevision()).toList();
	}

}
