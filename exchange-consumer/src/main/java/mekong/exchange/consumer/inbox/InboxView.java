package mekong.exchange.consumer.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.DeadLetterReason;
import mekong.exchange.boot.streams.DerivedIndexes;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.UpkeepStep;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The inbox's changes, made by the receiving side in the task that owns the alert, in the
 * same transaction as the receipt or answer that causes them: a revision taken (its
 * content, what it did, the persons it names), a desk's answer, the end of the alert's
 * retention. Each writes the alert's head and the few parts it changes, never the alert's
 * whole history.
 */
public final class InboxView {

	private static final byte[] NO_VALUE = new byte[0];

	private final InboxStores stores;

	private final NodeId node;

	private final Duration rememberErased;

	private final int answersPerAlertAndDesk;

	/**
	 * @param rememberErased how long the inbox remembers that an erased alert existed: as
	 * long as a record of it may be read again from the inbox topic
	 */
	public InboxView(InboxStores stores, NodeId node, Duration rememberErased, int answersPerAlertAndDesk) {
		this.stores = stores;
		this.node = node;
		this.rememberErased = rememberErased;
		this.answersPerAlertAndDesk = answersPerAlertAndDesk;
	}

	/** The head of {@code alertId}, null if the inbox holds nothing of it. */
	public InboxHead head(UUID alertId) {
		return this.stores.head(alertId);
	}

	/**
	 * Finds whether the inbox's indexes may not match its stores; before a task's first
	 * record ({@link DerivedIndexes#check}).
	 */
	public void checkIndexes() {
		this.stores.indexes.check(this.stores.heads, this::index);
	}

	/**
	 * Goes on rebuilding the inbox's indexes for one step, if they may not match its
	 * stores.
	 * @return whether they are ready
	 */
	public boolean rebuildIndexes(UpkeepStep step) {
		return this.stores.indexes.rebuild(this.stores.heads, this::index, step);
	}

	private void index(String key, InboxHead head) {
		index(null, null, head, (head.getErasedAt() == null) ? this.stores.content.get(key) : null);
	}

	/**
	 * Takes a revision newer than any the inbox holds of the alert.
	 * @param agreement the agreement it came under
	 * @param retention how long that agreement lets the node keep it; the alert's own
	 * expiry can only shorten it
	 */
	public InboxHead take(Alert alert, String agreement, Duration retention, Instant now) {
		UUID alertId = alert.getAlertId();
		InboxHead held = this.stores.head(alertId);
		boolean kept = held != null && held.getErasedAt() == null;
		Alert before = kept ? this.stores.content.get(alertId.toString()) : null;
		Instant keepUntil = now.plus(retention);
		if (alert.getExpiresAt() != null && alert.getExpiresAt().isBefore(keepUntil)) {
			keepUntil = alert.getExpiresAt();
		}
		this.stores.content.put(alertId.toString(), alert);
		this.stores.revisions.put(AlertIds.part(alertId, alert.getRevision()),
				RevisionSummary.newBuilder()
					.setRevision(alert.getRevision())
					.setMessageType(alert.getMessageType())
					.setSentAt(alert.getSentAt())
					.setRevisionNote(alert.getRevisionNote())
					.setSentBy(alert.getOrigin().getDeskId() + "/" + alert.getOrigin().getOfficer())
					.setTakenAt(now)
					.build());
		InboxHead taken = InboxHead.newBuilder()
			.setAlertId(alertId)
			.setOrigin(alert.getOrigin().getNodeId())
			.setRevision(alert.getRevision())
			.setMessageType(alert.getMessageType())
			.setPriority(alert.getPriority())
			.setCategory(alert.getCategory())
			.setSentAt(alert.getSentAt())
			.setReceivedAt(now)
			.setAgreement(agreement)
			.setKeepUntil(keepUntil)
			.setAnswers(kept ? held.getAnswers() : 0)
			.build();
		reindex(held, before, taken, alert);
		this.stores.heads.put(alertId.toString(), taken);
		return taken;
	}

	/**
	 * Keeps a desk's answer to an alert the inbox keeps: at most
	 * {@code mekong.limits.answers-per-alert-and-desk} per desk.
	 * @throws RejectedRecordException for an answer past that limit
	 */
	public InboxHead answer(InboxHead held, Acknowledgement ack, String desk) {
		UUID alertId = held.getAlertId();
		Bytes counted = AlertIds.part(alertId, desk);
		Integer given = this.stores.answerCounts.get(counted);
		int answers = (given != null) ? given : 0;
		if (answers >= this.answersPerAlertAndDesk) {
			throw new RejectedRecordException(DeadLetterReason.ANSWER_LIMIT, "Desk " + desk + " gave " + answers
					+ " answers to alert " + alertId + " already, mekong.limits.answers-per-alert-and-desk");
		}
		this.stores.answers.put(AlertIds.part(alertId, held.getAnswers()), ack);
		this.stores.answerCounts.put(counted, answers + 1);
		InboxHead answered = InboxHead.newBuilder(held)
			.setAnswers(held.getAnswers() + 1)
			.setDeskStatus((ack.getRevision() == held.getRevision()) ? ack.getStatus() : held.getDeskStatus())
			.build();
		this.stores.heads.put(alertId.toString(), answered);
		return answered;
	}

	/**
	 * Erases the alerts whose retention ended by {@code now}, at most {@code most}: their
	 * content, revisions, answers and index keys, keeping a head with only ids and times
	 * for as long as the inbox remembers erased alerts; and forgets the erased alerts
	 * whose time to be remembered ended; nothing while the indexes are being rebuilt, and
	 * no more once {@code step} is over.
	 * @return the audit events of the erasures
	 */
	public List<AuditEvent> erase(Instant now, int most, UpkeepStep step) {
		if (!this.stores.indexes.ready()) {
			return List.of();
		}
		InboxIndex.Range range = InboxIndex.expiredBy(now);
		List<Bytes> expired = DerivedIndexes.firstKeys(this.stores.expiry.range(range.from(), range.to()), most);
		List<AuditEvent> audit = new ArrayList<>();
		for (Bytes key : expired) {
			UUID alertId = InboxIndex.expiredAlertOf(key);
			InboxHead held = this.stores.head(alertId);
			if (held == null) {
				this.stores.expiry.delete(key);
			}
			else if (held.getErasedAt() != null) {
				reindex(held, null, null, null);
				this.stores.heads.delete(alertId.toString());
			}
			else {
				Alert content = this.stores.content.get(alertId.toString());
				this.stores.content.delete(alertId.toString());
				deleteParts(this.stores.revisions, alertId);
				deleteParts(this.stores.answers, alertId);
				deleteParts(this.stores.answerCounts, alertId);
				InboxHead erased = InboxHead.newBuilder(held)
					.setAnswers(0)
					.setDeskStatus(null)
					.setErasedAt(now)
					.setKeepUntil(now.plus(this.rememberErased))
					.build();
				reindex(held, content, erased, null);
				this.stores.heads.put(alertId.toString(), erased);
				audit.add(AuditEvents.erased(alertId, held.getRevision(), held.getOrigin(), this.node, now));
			}
			if (step.over()) {
				break;
			}
		}
		return audit;
	}

	private static <V> void deleteParts(KeyValueStore<Bytes, V> store, UUID alertId) {
		List<Bytes> keys = new ArrayList<>();
		try (KeyValueIterator<Bytes, V> parts = store.range(AlertIds.firstPart(alertId), AlertIds.pastParts(alertId))) {
			parts.forEachRemaining((part) -> keys.add(part.key));
		}
		keys.forEach(store::delete);
	}

	/**
	 * Moves the index records of an alert from what {@code held} and its content
	 * {@code before} needed (null if none) to what {@code updated} and its content
	 * {@code after} need (null once forgotten or erased). An answer changes no index.
	 */
	private void reindex(InboxHead held, Alert before, InboxHead updated, Alert after) {
		UUID alertId = ((updated != null) ? updated : held).getAlertId();
		if (this.stores.indexes.covers(alertId.toString())) {
			index(held, before, updated, after);
		}
	}

	private void index(InboxHead held, Alert before, InboxHead updated, Alert after) {
		Set<Bytes> oldTimes = InboxIndex.timeKeys(held);
		Set<Bytes> newTimes = InboxIndex.timeKeys(updated);
		oldTimes.stream().filter((key) -> !newTimes.contains(key)).forEach(this.stores.byTime::delete);
		newTimes.stream()
			.filter((key) -> !oldTimes.contains(key))
			.forEach((key) -> this.stores.byTime.put(key, NO_VALUE));
		NameIndex.replace(this.stores.byName, InboxIndex.nameRecords(held, before),
				InboxIndex.nameRecords(updated, after));
		Bytes oldExpiry = InboxIndex.expiryKey(held);
		Bytes newExpiry = InboxIndex.expiryKey(updated);
		if (oldExpiry != null && !oldExpiry.equals(newExpiry)) {
			this.stores.expiry.delete(oldExpiry);
		}
		if (newExpiry != null && !newExpiry.equals(oldExpiry)) {
			this.stores.expiry.put(newExpiry, NO_VALUE);
		}
	}

}
