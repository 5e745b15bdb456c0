package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.boot.names.AlertPersons;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.node.NodeId;

/**
 * What a desk reads of one alert in the node's inbox, as the receiving side's
 * transactions committed it: its head and its newest revision in full; for a single entry
 * also what each revision did and the newest of the desks' answers ({@code head} says how
 * many there are). A list leaves those two null.
 */
public record InboxEntry(InboxHead head, Alert alert, List<RevisionSummary> revisions, List<Acknowledgement> answers) {

	static InboxEntry listed(InboxHead head, Alert alert) {
		return new InboxEntry(head, alert, null, null);
	}

	/** The persons the newest revision names, as the near-duplicate rule sees them. */
	List<PersonName> persons() {
		return AlertPersons.of(this.alert);
	}

	NodeId origin() {
		return NodeId.of(this.head.getOrigin());
	}

	Instant receivedAt() {
		return this.head.getReceivedAt();
	}

	/** A cancelled alert leaves the active inbox; its history stays. */
	boolean cancelled() {
		return this.head.getMessageType() == MessageType.CANCEL;
	}

}
