package mekong.exchange.producer.tracking;

import java.util.List;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.state.AddresseeState;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;

/**
 * What a desk reads of one of its node's alerts, as its transactions committed it: the
 * head (where it stands at each addressee) and the newest revision in full; for a single
 * alert also what each revision did, the newest entries of its history and the
 * escalations raised. Lists leave the last three empty.
 *
 * @param history the newest entries of the history, oldest first; {@code historySize}
 * says how many there are in all
 */
public record SentAlert(SentHead head, Alert latest, List<RevisionSummary> revisions, List<Acknowledgement> history,
		int historySize, List<Escalation> escalations) {

	public SentAlert {
		revisions = List.copyOf(revisions);
		history = List.copyOf(history);
		escalations = List.copyOf(escalations);
	}

	static SentAlert listed(SentHead head, Alert latest) {
		return new SentAlert(head, latest, List.of(), List.of(), head.getEvents(), List.of());
	}

	public UUID alertId() {
		return this.head.getAlertId();
	}

	public boolean cancelled() {
		return SentHeads.cancelled(this.head);
	}

	/** Where it stands at each addressee. */
	public List<AddresseeState> addressees() {
		return this.head.getAddressees();
	}

	/**
	 * Whether {@code state} waits for the addressee's acceptance of the newest revision.
	 */
	public boolean awaitingAcceptance(AddresseeState state) {
		return SentHeads.awaitingAcceptance(this.head).contains(state);
	}

	/**
	 * Whether {@code state}'s addressee was escalated for the revision its status is
	 * about.
	 */
	public static boolean escalated(AddresseeState state) {
		return state.getEscalatedRevision() >= state.getRevision();
	}

}
