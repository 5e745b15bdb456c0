package mekong.exchange.consumer.receiving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;

/**
 * One alert in the node's inbox: the newest revision taken, when it was taken, and what
 * the node's desks answered. Immutable; the view replaces it.
 */
public record InboxEntry(Alert alert, Instant receivedAt, List<Acknowledgement> deskAcks) {

	public InboxEntry {
		deskAcks = List.copyOf(deskAcks);
	}

	InboxEntry withDeskAck(Acknowledgement ack) {
		List<Acknowledgement> updated = new ArrayList<>(this.deskAcks);
		updated.add(ack);
		return new InboxEntry(this.alert, this.receivedAt, updated);
	}

	/** The desks' answers to the revision shown, newest last. */
	public List<Acknowledgement> deskAcksOfCurrentRevision() {
		return this.deskAcks.stream().filter((ack) -> ack.getRevision() == this.alert.getRevision()).toList();
	}

}
