package mekong.exchange.producer.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;

/**
 * Everything the origin knows of one of its alerts: every revision it sent, and every
 * acknowledgement in the order it arrived. Immutable; the view replaces it as news comes
 * in.
 */
public record SentAlert(UUID alertId, List<Alert> revisions, List<Acknowledgement> acks) {

	public SentAlert {
		revisions = List.copyOf(revisions);
		acks = List.copyOf(acks);
	}

	static SentAlert empty(UUID alertId) {
		return new SentAlert(alertId, List.of(), List.of());
	}

	/** The newest revision sent. */
	public Alert latest() {
		return this.revisions.get(this.revisions.size() - 1);
	}

	/**
	 * The current status at each addressee: the last acknowledgement of the newest
	 * revision it acknowledged, or {@code PENDING} for a named addressee that has not
	 * been routed yet.
	 */
	public Map<String, AddresseeStatus> addressees() {
		Map<String, AddresseeStatus> statuses = new LinkedHashMap<>();
		latest().getAddressees().forEach((node) -> statuses.put(node, AddresseeStatus.pending(node, latest())));
		for (Acknowledgement ack : this.acks) {
			AddresseeStatus current = statuses.get(ack.getRecipientNode());
			if (current == null || current.status() == null || ack.getRevision() >= current.revision()) {
				statuses.put(ack.getRecipientNode(), AddresseeStatus.of(ack));
			}
		}
		return statuses;
	}

	SentAlert withRevision(Alert alert) {
		if (this.revisions.stream().anyMatch((sent) -> sent.getRevision() == alert.getRevision())) {
			return this;
		}
		List<Alert> updated = new ArrayList<>(this.revisions);
		updated.add(alert);
		updated.sort(Comparator.comparingInt(Alert::getRevision));
		return new SentAlert(this.alertId, updated, this.acks);
	}

	SentAlert withAck(Acknowledgement ack) {
		List<Acknowledgement> updated = new ArrayList<>(this.acks);
		updated.add(ack);
		return new SentAlert(this.alertId, this.revisions, updated);
	}

	/**
	 * The status of one revision at one addressee.
	 *
	 * @param status null while no acknowledgement has come back
	 */
	public record AddresseeStatus(String node, int revision, AckStatus status, Instant at, String by, String reason,
			String note) {

		static AddresseeStatus pending(String node, Alert alert) {
			return new AddresseeStatus(node, alert.getRevision(), null, null, null, null, null);
		}

		static AddresseeStatus of(Acknowledgement ack) {
			return new AddresseeStatus(ack.getRecipientNode(), ack.getRevision(), ack.getStatus(), ack.getAt(),
					ack.getBy(), ack.getReason(), ack.getNote());
		}

	}

}
