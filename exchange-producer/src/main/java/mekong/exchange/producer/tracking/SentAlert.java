package mekong.exchange.producer.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.MessageType;

/**
 * Everything the origin knows of one of its alerts: every revision it sent, every
 * acknowledgement in the order it arrived, the escalations raised for it, and the desk
 * requests with an {@code Idempotency-Key} that produced its revisions. Immutable; the
 * view replaces it as news comes in.
 */
public record SentAlert(UUID alertId, List<Alert> revisions, List<Acknowledgement> acks, List<Escalation> escalations,
		List<IdempotentRequest> requests) {

	public SentAlert {
		revisions = List.copyOf(revisions);
		acks = List.copyOf(acks);
		escalations = List.copyOf(escalations);
		requests = List.copyOf(requests);
	}

	static SentAlert empty(UUID alertId) {
		return new SentAlert(alertId, List.of(), List.of(), List.of(), List.of());
	}

	/** True once the outbox held a revision of it: acknowledgements may come first. */
	public boolean sent() {
		return !this.revisions.isEmpty();
	}

	/** True while nothing of it was read: no revision, no acknowledgement. */
	boolean unknown() {
		return this.revisions.isEmpty() && this.acks.isEmpty();
	}

	/** True once the node's router delivered {@code revision} to {@code node}'s inbox. */
	boolean routedTo(String node, int revision) {
		return this.acks.stream()
			.anyMatch((ack) -> ack.getStatus() == AckStatus.ROUTED && ack.getRevision() == revision
					&& ack.getRecipientNode().equals(node));
	}

	/**
	 * The request that carried {@code key}, if one of this alert's revisions came from
	 * it.
	 */
	public Optional<IdempotentRequest> request(String key) {
		return this.requests.stream().filter((request) -> request.key().equals(key)).findFirst();
	}

	/** The newest revision sent. */
	public Alert latest() {
		return this.revisions.get(this.revisions.size() - 1);
	}

	public boolean cancelled() {
		return latest().getMessageType() == MessageType.CANCEL;
	}

	/**
	 * The status of the newest revision at each addressee: its last acknowledgement, or
	 * {@code PENDING} (a null status) for a node it was addressed to, or that received an
	 * earlier revision, while nothing has come back.
	 */
	public Map<String, AddresseeStatus> addressees() {
		Alert latest = latest();
		Map<String, AddresseeStatus> statuses = new LinkedHashMap<>();
		latest.getAddressees().forEach((node) -> statuses.put(node, AddresseeStatus.pending(node, latest)));
		this.acks.stream()
			.filter((ack) -> ack.getRevision() < latest.getRevision())
			.forEach((ack) -> statuses.putIfAbsent(ack.getRecipientNode(),
					AddresseeStatus.pending(ack.getRecipientNode(), latest)));
		this.acks.stream()
			.filter((ack) -> ack.getRevision() == latest.getRevision())
			.forEach((ack) -> statuses.put(ack.getRecipientNode(), AddresseeStatus.of(ack)));
		statuses.replaceAll((node, status) -> escalated(node, latest.getRevision()) ? status.escalate() : status);
		return statuses;
	}

	/** True once an escalation was raised for this revision at this addressee. */
	public boolean escalated(String node, int revision) {
		return this.escalations.stream()
			.anyMatch((escalation) -> escalation.getRevision() == revision && escalation.getAddressee().equals(node));
	}

	/**
	 * With a revision read from the outbox, and the request that produced it if it
	 * carried an {@code Idempotency-Key}; a revision already known changes nothing.
	 */
	SentAlert withRevision(Alert alert, IdempotentRequest request) {
		if (this.revisions.stream().anyMatch((sent) -> sent.getRevision() == alert.getRevision())) {
			return this;
		}
		List<Alert> updated = new ArrayList<>(this.revisions);
		updated.add(alert);
		updated.sort(Comparator.comparingInt(Alert::getRevision));
		List<IdempotentRequest> requests = this.requests;
		if (request != null && request(request.key()).isEmpty()) {
			requests = new ArrayList<>(this.requests);
			requests.add(request);
		}
		return new SentAlert(this.alertId, updated, this.acks, this.escalations, requests);
	}

	SentAlert withAck(Acknowledgement ack) {
		List<Acknowledgement> updated = new ArrayList<>(this.acks);
		updated.add(ack);
		return new SentAlert(this.alertId, this.revisions, updated, this.escalations, this.requests);
	}

	/**
	 * With an escalation; one already raised for its revision and addressee changes
	 * nothing.
	 */
	public SentAlert withEscalation(Escalation escalation) {
		if (escalated(escalation.getAddressee(), escalation.getRevision())) {
			return this;
		}
		List<Escalation> updated = new ArrayList<>(this.escalations);
		updated.add(escalation);
		return new SentAlert(this.alertId, this.revisions, this.acks, updated, this.requests);
	}

	/**
	 * Addressees of the newest revision still waiting for acceptance, none once the alert
	 * is cancelled.
	 */
	public List<AddresseeStatus> awaitingAcceptance() {
		if (!sent() || cancelled()) {
			return List.of();
		}
		return addressees().values().stream().filter(AddresseeStatus::awaitingAcceptance).toList();
	}

	/**
	 * The status of one revision at one addressee.
	 *
	 * @param status null while no acknowledgement has come back
	 * @param escalated whether it was escalated for not being accepted in time
	 */
	public record AddresseeStatus(String node, int revision, AckStatus status, Instant at, String by, String reason,
			String note, boolean escalated) {

		static AddresseeStatus pending(String node, Alert alert) {
			return new AddresseeStatus(node, alert.getRevision(), null, null, null, null, null, false);
		}

		static AddresseeStatus of(Acknowledgement ack) {
			return new AddresseeStatus(ack.getRecipientNode(), ack.getRevision(), ack.getStatus(), ack.getAt(),
					ack.getBy(), ack.getReason(), ack.getNote(), false);
		}

		/** Accepted or actioned: the addressee took it on. */
		public boolean accepted() {
			return this.status == AckStatus.ACCEPTED || this.status == AckStatus.ACTIONED;
		}

		/**
		 * Still waiting for the addressee's desk: not accepted, and not refused by the
		 * agreements.
		 */
		public boolean awaitingAcceptance() {
			return !accepted() && this.status != AckStatus.DENIED_BY_POLICY;
		}

		AddresseeStatus escalate() {
			return new AddresseeStatus(this.node, this.revision, this.status, this.at, this.by, this.reason, this.note,
					true);
		}

	}

}
