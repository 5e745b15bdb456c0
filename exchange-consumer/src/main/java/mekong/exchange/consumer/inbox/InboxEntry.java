package mekong.exchange.consumer.receiving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.core.dedup.Receipt;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.node.NodeId;

/**
 * One alert in the node's inbox: every revision taken, oldest first, when the newest was
 * taken, what the node's desks answered, and the persons it names, prepared for
 * comparison. Immutable; the view replaces it.
 */
public record InboxEntry(List<Alert> revisions, Instant receivedAt, List<Acknowledgement> deskAcks,
		List<PersonMatcher.Profile> persons) {

	public InboxEntry {
		revisions = List.copyOf(revisions);
		deskAcks = List.copyOf(deskAcks);
		persons = List.copyOf(persons);
	}

	static InboxEntry first(Alert alert, Instant receivedAt, List<Acknowledgement> deskAcks) {
		return new InboxEntry(List.of(alert), receivedAt, deskAcks, profiles(alert));
	}

	/** The newest revision taken. */
	public Alert alert() {
		return this.revisions.get(this.revisions.size() - 1);
	}

	public NodeId origin() {
		return NodeId.of(alert().getOrigin().getNodeId());
	}

	/** A cancelled alert leaves the active inbox; its history stays. */
	public boolean cancelled() {
		return alert().getMessageType() == MessageType.CANCEL;
	}

	Receipt.Taken taken() {
		return new Receipt.Taken(origin(), alert().getRevision());
	}

	InboxEntry withRevision(Alert newer, Instant at) {
		List<Alert> updated = new ArrayList<>(this.revisions);
		updated.add(newer);
		updated.sort(Comparator.comparingInt(Alert::getRevision));
		return new InboxEntry(updated, at, this.deskAcks, profiles(newer));
	}

	InboxEntry withDeskAck(Acknowledgement ack) {
		List<Acknowledgement> updated = new ArrayList<>(this.deskAcks);
		updated.add(ack);
		return new InboxEntry(this.revisions, this.receivedAt, updated, this.persons);
	}

	/** The desks' answers to the newest revision, newest last. */
	public List<Acknowledgement> deskAcksOfCurrentRevision() {
		return this.deskAcks.stream().filter((ack) -> ack.getRevision() == alert().getRevision()).toList();
	}

	private static List<PersonMatcher.Profile> profiles(Alert alert) {
		return AlertPersons.of(alert).stream().map(PersonMatcher::profile).toList();
	}

}
