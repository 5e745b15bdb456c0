package mekong.exchange.producer.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.state.AddresseeState;
import mekong.exchange.avro.state.IdempotentRequest;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.DeadLetterReason;
import mekong.exchange.boot.streams.DerivedIndexes;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.UpkeepStep;
import mekong.exchange.core.acks.AckWriters;
import mekong.exchange.core.acks.Acknowledgements;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision.Unroutable;
import mekong.exchange.core.routing.RoutingDecision;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sender view's changes, made in the task that owns the alert, in the same
 * transaction as what causes them: a revision the router decided on (its decisions are
 * applied here, not read back), an acknowledgement from an addressee, an escalation, the
 * end of the alert's retention. Each writes the alert's head and the few parts it
 * changes, never the alert's whole history.
 */
public final class SentView {

	/** The reason given for an alert nobody can receive. */
	public static final String UNROUTABLE = "UNROUTABLE";

	/** The sink of the sending side that writes the node's audit topic. */
	public static final String AUDIT_SINK = "audit";

	/** The sink of the sending side that writes the node's escalations topic. */
	public static final String ESCALATIONS_SINK = "escalations";

	/** The most overdue alerts one escalation check looks at, per priority. */
	static final int ESCALATED_PER_CHECK = 10_000;

	private final SentStores stores;

	private final NodeId node;

	private final Duration retention;

	private final Duration rememberErased;

	private final int acknowledgementsPerAlert;

	/**
	 * @param retention how long the view keeps an alert after its newest revision
	 * @param rememberErased how long it then remembers that it existed
	 */
	public SentView(SentStores stores, NodeId node, Duration retention, Duration rememberErased,
			int acknowledgementsPerAlert) {
		this.stores = stores;
		this.node = node;
		this.retention = retention;
		this.rememberErased = rememberErased;
		this.acknowledgementsPerAlert = acknowledgementsPerAlert;
	}

	/** The head of {@code alertId}, null if the view holds nothing of it. */
	public SentHead head(UUID alertId) {
		return this.stores.head(alertId);
	}

	/**
	 * What revision {@code revision} of {@code alertId} was, null if the view has none.
	 */
	public RevisionSummary revision(UUID alertId, int revision) {
		return this.stores.revisions.get(AlertIds.part(alertId, revision));
	}

	/**
	 * Finds whether the view's indexes may not match its stores; before a task's first
	 * record ({@link DerivedIndexes#check}).
	 */
	public void checkIndexes() {
		this.stores.indexes.check(this.stores.heads, this::index);
	}

	/**
	 * Goes on rebuilding the view's indexes for one step, if they may not match its
	 * stores ({@link SentStores}).
	 * @return whether they are ready
	 */
	public boolean rebuildIndexes(UpkeepStep step) {
		return this.stores.indexes.rebuild(this.stores.heads, this::index, step);
	}

	private void index(String key, SentHead head) {
		this.stores.index(null, head);
		if (!SentHeads.erased(head)) {
			NameIndex.replace(this.stores.byName, Map.of(),
					SentStores.nameRecords(this.stores.content.get(key), this.node));
		}
	}

	/**
	 * Records a revision read from the outbox and what the router decided for each
	 * addressee, with the desk request that produced it if it carried an
	 * {@code Idempotency-Key}.
	 * @param requestKey the desk's key, null if none
	 * @param user the login of the desk that sent it, null if another system wrote it
	 * @return the audit events of the revision and of each decision
	 */
	public List<AuditEvent> record(Alert alert, List<RoutingDecision> decisions, String requestKey, String fingerprint,
			String user, Instant now) {
		UUID alertId = alert.getAlertId();
		SentHead held = this.stores.head(alertId);
		int events = (held != null) ? held.getEvents() : 0;
		Map<String, AddresseeState> states = new LinkedHashMap<>();
		if (held != null) {
			held.getAddressees().forEach((state) -> states.put(state.getNode(), state));
		}
		List<AuditEvent> audit = new ArrayList<>();
		audit.add(AuditEvents.sent(alert, user));
		for (RoutingDecision decision : decisions) {
			Acknowledgement ack = decided(alert, decision, now);
			this.stores.history.put(AlertIds.part(alertId, events++), ack);
			String agreement = (decision instanceof Routed routed) ? routed.under().value() : null;
			states.put(ack.getRecipientNode(), decidedAt(states.get(ack.getRecipientNode()), ack, agreement));
			audit.add(AuditEvents.acknowledged(ack, this.node.code()));
		}
		Alert before = this.stores.content.get(alertId.toString());
		this.stores.content.put(alertId.toString(), alert);
		this.stores.rename(alertId, before, alert, this.node);
		this.stores.revisions.put(AlertIds.part(alertId, alert.getRevision()),
				RevisionSummary.newBuilder()
					.setRevision(alert.getRevision())
					.setMessageType(alert.getMessageType())
					.setSentAt(alert.getSentAt())
					.setRevisionNote(alert.getRevisionNote())
					.setSentBy(alert.getOrigin().getDeskId() + "/" + alert.getOrigin().getOfficer())
					.setSentByUser(user)
					.build());
		if (requestKey != null) {
			this.stores.requests.put(AlertIds.part(alertId, requestKey),
					IdempotentRequest.newBuilder()
						.setFingerprint(fingerprint)
						.setRevision(alert.getRevision())
						.build());
		}
		put(held,
				SentHead.newBuilder()
					.setAlertId(alertId)
					.setRevision(alert.getRevision())
					.setMessageType(alert.getMessageType())
					.setPriority(alert.getPriority())
					.setCategory(alert.getCategory())
					.setSentAt(alert.getSentAt())
					.setEvents(events)
					.setAddressees(new ArrayList<>(states.values()))
					.setKeepUntil(alert.getSentAt().plus(this.retention))
					.build());
		return audit;
	}

	private Acknowledgement decided(Alert alert, RoutingDecision decision, Instant now) {
		if (decision instanceof Routed routed) {
			return Acknowledgements.routed(alert, routed.to(), routed.under().value(), now);
		}
		if (decision instanceof Denied denied) {
			return Acknowledgements.denied(alert, denied.to(), denied.reason().name(), denied.detail(), now);
		}
		if (decision instanceof Unroutable unroutable) {
			return Acknowledgements.denied(alert, this.node, UNROUTABLE, unroutable.detail(), now);
		}
		throw new IllegalStateException("Unhandled routing decision " + decision);
	}

	private static AddresseeState decidedAt(AddresseeState before, Acknowledgement ack, String agreement) {
		List<Integer> routed = new ArrayList<>((before != null) ? before.getRouted() : List.of());
		if (ack.getStatus() == AckStatus.ROUTED) {
			routed.add(ack.getRevision());
		}
		return AddresseeState.newBuilder()
			.setNode(ack.getRecipientNode())
			.setRevision(ack.getRevision())
			.setStatus(ack.getStatus())
			.setAt(ack.getAt())
			.setReason(ack.getReason())
			.setNote(ack.getNote())
			.setAgreement((agreement != null) ? agreement : (before != null) ? before.getAgreement() : null)
			.setRouted(routed)
			.setEscalatedRevision((before != null) ? before.getEscalatedRevision() : 0)
			.build();
	}

	/** An acknowledgement taken, with when the revision it acknowledges was sent. */
	public record Taken(SentHead head, Instant revisionSentAt) {
	}

	/**
	 * Takes an addressee's acknowledgement: it counts only for a revision the router
	 * delivered to that addressee, and changes the addressee's status if it is about the
	 * newest revision delivered there.
	 * @return null for an alert the view erased (a late acknowledgement)
	 * @throws RejectedRecordException for an acknowledgement that cannot be taken
	 */
	public Taken take(Acknowledgement ack) {
		UUID alertId = ack.getAlertId();
		String what = ack.getStatus() + " acknowledgement from " + ack.getRecipientNode() + " of alert " + alertId
				+ " revision " + ack.getRevision();
		SentHead held = this.stores.head(alertId);
		if (held == null) {
			throw new RejectedRecordException(DeadLetterReason.ACK_FOR_UNKNOWN_ALERT,
					what + ": this node sent no such alert");
		}
		if (SentHeads.erased(held)) {
			return null;
		}
		if (AckWriters.byOriginsRouter(ack.getStatus())) {
			throw new RejectedRecordException(DeadLetterReason.NOT_AN_ADDRESSEE_STATUS,
					what + ": only this node's router decides that, and it does not write it here");
		}
		AddresseeState state = SentHeads.stateAt(held, ack.getRecipientNode());
		if (state == null || !state.getRouted().contains(ack.getRevision())) {
			throw new RejectedRecordException(DeadLetterReason.ACK_FROM_NON_ADDRESSEE,
					what + ": this node's router never delivered that revision to " + ack.getRecipientNode());
		}
		if (held.getEvents() >= this.acknowledgementsPerAlert) {
			throw new RejectedRecordException(DeadLetterReason.ACKNOWLEDGEMENT_LIMIT,
					what + ": the alert's history holds " + held.getEvents()
							+ " entries already, mekong.limits.acknowledgements-per-alert");
		}
		if (tooLong(ack.getNote()) || tooLong(ack.getBy()) || tooLong(ack.getUser())) {
			throw new RejectedRecordException(DeadLetterReason.NOTE_TOO_LONG, what
					+ ": its note, officer or login is longer than " + LimitProperties.NOTE_LENGTH + " characters");
		}
		this.stores.history.put(AlertIds.part(alertId, held.getEvents()), ack);
		List<AddresseeState> states = new ArrayList<>(held.getAddressees());
		if (ack.getRevision() == state.getRevision()) {
			states.set(states.indexOf(state),
					AddresseeState.newBuilder(state)
						.setStatus(ack.getStatus())
						.setAt(ack.getAt())
						.setBy(ack.getBy())
						.setUser(ack.getUser())
						.setReason(ack.getReason())
						.setNote(ack.getNote())
						.build());
		}
		SentHead updated = SentHead.newBuilder(held).setEvents(held.getEvents() + 1).setAddressees(states).build();
		put(held, updated);
		return new Taken(updated, sentAtOf(held, ack.getRevision()));
	}

	private static boolean tooLong(String text) {
		return text != null && text.length() > LimitProperties.NOTE_LENGTH;
	}

	private Instant sentAtOf(SentHead head, int revision) {
		if (revision == head.getRevision()) {
			return head.getSentAt();
		}
		RevisionSummary summary = this.stores.revisions.get(AlertIds.part(head.getAlertId(), revision));
		return (summary != null) ? summary.getSentAt() : null;
	}

	/**
	 * Escalates the revisions of {@code priority} sent before {@code now} less
	 * {@code sla} that an addressee has neither accepted nor been escalated for: once per
	 * alert, revision and addressee; nothing while the indexes are being rebuilt, and no
	 * more once {@code step} is over or {@value #ESCALATED_PER_CHECK} alerts were looked
	 * at: the rest waits for the next check.
	 */
	public List<Escalation> escalate(Priority priority, Duration sla, Instant now, UpkeepStep step) {
		if (!this.stores.indexes.ready()) {
			return List.of();
		}
		List<UUID> overdue = DerivedIndexes.firstKeys(this.stores.due(priority, now.minus(sla)), ESCALATED_PER_CHECK)
			.stream()
			.map(SentStores::dueAlertOf)
			.toList();
		List<Escalation> raised = new ArrayList<>();
		for (UUID alertId : overdue) {
			SentHead held = this.stores.head(alertId);
			if (held == null) {
				continue;
			}
			List<AddresseeState> states = new ArrayList<>(held.getAddressees());
			for (AddresseeState state : SentHeads.due(held)) {
				Escalation escalation = Escalation.newBuilder()
					.setAlertId(alertId)
					.setRevision(held.getRevision())
					.setAddressee(state.getNode())
					.setPriority(held.getPriority().name())
					.setSentAt(held.getSentAt())
					.setDeadline(held.getSentAt().plus(sla))
					.setEscalatedAt(now)
					.setLastStatus(state.getStatus().name())
					.build();
				this.stores.escalations.put(AlertIds.part(alertId, held.getRevision() + "/" + state.getNode()),
						escalation);
				states.set(states.indexOf(state),
						AddresseeState.newBuilder(state).setEscalatedRevision(held.getRevision()).build());
				raised.add(escalation);
			}
			put(held, SentHead.newBuilder(held).setAddressees(states).build());
			if (step.over()) {
				break;
			}
		}
		return raised;
	}

	/**
	 * Erases the alerts whose retention ended by {@code now}, at most {@code most}: their
	 * content, revisions, history, escalations and requests, keeping a head with only ids
	 * and times for {@code rememberErased}; and forgets the erased alerts whose time to
	 * be remembered ended; nothing while the indexes are being rebuilt, and no more once
	 * {@code step} is over.
	 * @return the audit events of the erasures
	 */
	public List<AuditEvent> erase(Instant now, int most, UpkeepStep step) {
		if (!this.stores.indexes.ready()) {
			return List.of();
		}
		List<Bytes> expired = DerivedIndexes.firstKeys(this.stores.expiredBy(now), most);
		List<AuditEvent> audit = new ArrayList<>();
		for (Bytes key : expired) {
			UUID alertId = SentStores.expiredAlertOf(key);
			SentHead held = this.stores.head(alertId);
			if (held == null) {
				this.stores.expiry.delete(key);
			}
			else if (SentHeads.erased(held)) {
				this.stores.reindex(held, null);
				this.stores.heads.delete(alertId.toString());
			}
			else {
				this.stores.rename(alertId, this.stores.content.get(alertId.toString()), null, this.node);
				this.stores.content.delete(alertId.toString());
				this.stores.parts().forEach((store) -> deleteParts(store, alertId));
				put(held,
						SentHead.newBuilder(held)
							.setEvents(0)
							.setAddressees(List.of())
							.setErasedAt(now)
							.setKeepUntil(now.plus(this.rememberErased))
							.build());
				audit.add(AuditEvents.erased(alertId, held.getRevision(), this.node.code(), this.node, now));
			}
			if (step.over()) {
				break;
			}
		}
		return audit;
	}

	private static void deleteParts(KeyValueStore<Bytes, ? extends SpecificRecord> store, UUID alertId) {
		List<Bytes> keys = new ArrayList<>();
		try (KeyValueIterator<Bytes, ? extends SpecificRecord> parts = store.range(AlertIds.firstPart(alertId),
				AlertIds.pastParts(alertId))) {
			parts.forEachRemaining((KeyValue<Bytes, ? extends SpecificRecord> part) -> keys.add(part.key));
		}
		keys.forEach(store::delete);
	}

	private void put(SentHead held, SentHead updated) {
		this.stores.reindex(held, updated);
		this.stores.heads.put(updated.getAlertId().toString(), updated);
	}

}
