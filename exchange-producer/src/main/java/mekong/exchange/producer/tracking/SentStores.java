package mekong.exchange.producer.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.state.IdempotentRequest;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.kafka.StateSubjects;
import mekong.exchange.boot.names.AlertPersons;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.DerivedIndexes;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.node.NodeId;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The sender view's state stores, partitioned like the node's outbox, each record bounded
 * whatever an alert's history:
 * <ul>
 * <li>{@value #HEADS}: per alert, its {@link SentHead} (where it stands at each
 * addressee), read committed by desks ({@link CommittedReads});</li>
 * <li>{@value #CONTENT}: per alert, its newest revision in full, read committed too;</li>
 * <li>{@value #REVISIONS}: per alert and revision, what the revision did and when;</li>
 * <li>{@value #HISTORY}: per alert, in order, each routing decision and each
 * acknowledgement;</li>
 * <li>{@value #ESCALATIONS}: per alert, revision and addressee, the escalation
 * raised;</li>
 * <li>{@value #REQUESTS}: per alert and desk {@code Idempotency-Key}, the revision the
 * request produced;</li>
 * <li>indexes without changelogs ({@link DerivedIndexes}): {@value #BY_TIME} (newest
 * revision first), {@value #DUE} (revisions an addressee has neither accepted nor been
 * escalated for, by priority, oldest first), {@value #EXPIRY} (when each alert is to be
 * erased), {@value #AWAITING} (per priority, addressees that have not accepted the newest
 * revision of an active alert) and {@value #BY_NAME} (the persons each newest revision
 * names, {@link NameIndex}).</li>
 * </ul>
 * A head says which of its parts count (revisions up to its newest, history entries below
 * its count), so that a desk reading a committed head reads only committed parts.
 */
public final class SentStores {

	static final String HEADS = "sent-heads";

	static final String CONTENT = "sent-content";

	static final String REVISIONS = "sent-revisions";

	static final String HISTORY = "sent-history";

	static final String ESCALATIONS = "sent-escalations";

	static final String REQUESTS = "sent-requests";

	static final String GENERATION = "sent-indexes";

	static final String BY_TIME = "sent-by-time";

	static final String DUE = "sent-due";

	static final String EXPIRY = "sent-expiry";

	static final String AWAITING = "sent-awaiting";

	static final String BY_NAME = "sent-by-name";

	/**
	 * How the indexes derive their keys: raise it with any change to them, so that a view
	 * indexed before rebuilds its indexes once. 2: the name index.
	 */
	private static final String KEYS_VERSION = "sent-2." + PersonMatcher.KEYS_VERSION;

	private static final byte[] NO_VALUE = new byte[0];

	final KeyValueStore<String, SentHead> heads;

	final KeyValueStore<String, Alert> content;

	final KeyValueStore<Bytes, RevisionSummary> revisions;

	final KeyValueStore<Bytes, Acknowledgement> history;

	final KeyValueStore<Bytes, Escalation> escalations;

	final KeyValueStore<Bytes, IdempotentRequest> requests;

	final KeyValueStore<Bytes, byte[]> byTime;

	final KeyValueStore<Bytes, byte[]> due;

	final KeyValueStore<Bytes, byte[]> expiry;

	final KeyValueStore<Bytes, byte[]> awaiting;

	final KeyValueStore<Bytes, byte[]> byName;

	final DerivedIndexes indexes;

	private SentStores(ProcessingContext context, TaskIndexes rebuilds, TaskIndexes.Holder holder) {
		this.heads = context.getStateStore(HEADS);
		this.content = context.getStateStore(CONTENT);
		this.revisions = context.getStateStore(REVISIONS);
		this.history = context.getStateStore(HISTORY);
		this.escalations = context.getStateStore(ESCALATIONS);
		this.requests = context.getStateStore(REQUESTS);
		this.byTime = context.getStateStore(BY_TIME);
		this.due = context.getStateStore(DUE);
		this.expiry = context.getStateStore(EXPIRY);
		this.awaiting = context.getStateStore(AWAITING);
		this.byName = context.getStateStore(BY_NAME);
		this.indexes = rebuilds.of(context, holder, () -> new DerivedIndexes(context.getStateStore(GENERATION),
				List.of(this.expiry, this.byTime, this.due, this.awaiting, this.byName), KEYS_VERSION));
	}

	/**
	 * The stores of the task of {@code context}, with the indexes {@code holder} shares
	 * with the task's other processors in {@code rebuilds}.
	 */
	public static SentStores of(ProcessingContext context, TaskIndexes rebuilds, TaskIndexes.Holder holder) {
		return new SentStores(context, rebuilds, holder);
	}

	/** Forgets the task's indexes, when the processor that opened them closes. */
	public void close(ProcessingContext context, TaskIndexes rebuilds) {
		rebuilds.close(context, this.indexes);
	}

	/**
	 * What a topology adds for the view.
	 * @param longest the longest a head or content record lives after it was last
	 * written: the view's retention and the time it then remembers an erased alert
	 * @param visible told the id of each alert whose change desks may now read
	 */
	public static List<StoreBuilder<?>> builders(NodeSerdes serdes, CommittedReads committed, Duration longest,
			Consumer<UUID> visible) {
		return List.of(
				NodeStreams.expiring(committed.persistent(HEADS, (key) -> visible.accept(alertIdOf(key))),
						Serdes.String(), serdes.state(SentHead.class), longest),
				NodeStreams.expiring(committed.persistent(CONTENT, (key) -> {
				}), Serdes.String(), serdes.state(Alert.class), longest),
				NodeStreams.store(REVISIONS, Serdes.Bytes(), serdes.state(RevisionSummary.class)),
				NodeStreams.store(HISTORY, Serdes.Bytes(), serdes.state(Acknowledgement.class)),
				NodeStreams.store(ESCALATIONS, Serdes.Bytes(), serdes.state(Escalation.class)),
				NodeStreams.store(REQUESTS, Serdes.Bytes(), serdes.state(IdempotentRequest.class)),
				DerivedIndexes.generationStore(GENERATION), DerivedIndexes.indexStore(BY_TIME),
				DerivedIndexes.indexStore(DUE), DerivedIndexes.indexStore(EXPIRY), DerivedIndexes.indexStore(AWAITING),
				DerivedIndexes.indexStore(BY_NAME));
	}

	/** The schemas of the records of the view's logged stores, by changelog subject. */
	public static StateSubjects subjects(NodeId node, String side) {
		return new StateSubjects(Map.of(subject(node, side, HEADS), SentHead.getClassSchema(),
				subject(node, side, CONTENT), Alert.getClassSchema(), subject(node, side, REVISIONS),
				RevisionSummary.getClassSchema(), subject(node, side, HISTORY), Acknowledgement.getClassSchema(),
				subject(node, side, ESCALATIONS), Escalation.getClassSchema(), subject(node, side, REQUESTS),
				IdempotentRequest.getClassSchema()));
	}

	private static String subject(NodeId node, String side, String store) {
		return NodeStreams.changelog(node, side, store) + "-value";
	}

	/** The names of every store, for the processors that use them. */
	public static String[] names() {
		return new String[] { HEADS, CONTENT, REVISIONS, HISTORY, ESCALATIONS, REQUESTS, GENERATION, BY_TIME, DUE,
				EXPIRY, AWAITING, BY_NAME };
	}

	/** The stores whose parts of one alert are keyed by its id and a number or name. */
	List<KeyValueStore<Bytes, ? extends SpecificRecord>> parts() {
		return List.of(this.revisions, this.history, this.escalations, this.requests);
	}

	SentHead head(UUID alertId) {
		return this.heads.get(alertId.toString());
	}

	private static UUID alertIdOf(Bytes headKey) {
		return UUID.fromString(new String(headKey.get(), StandardCharsets.UTF_8));
	}

	/**
	 * Moves the index records of an alert from what {@code held} needed (null if none) to
	 * what {@code updated} needs (null once forgotten); nothing while a rebuild has not
	 * reached it ({@link DerivedIndexes#covers}).
	 */
	void reindex(SentHead held, SentHead updated) {
		UUID alertId = ((updated != null) ? updated : held).getAlertId();
		if (this.indexes.covers(alertId.toString())) {
			index(held, updated);
		}
	}

	/**
	 * Moves the name index records of an alert from the persons its revision
	 * {@code before} named (null if none) to those {@code after} names (null once
	 * erased); nothing while a rebuild has not reached it.
	 */
	void rename(UUID alertId, Alert before, Alert after, NodeId node) {
		if (this.indexes.covers(alertId.toString())) {
			NameIndex.replace(this.byName, nameRecords(before, node), nameRecords(after, node));
		}
	}

	/**
	 * The name index records of the newest revision of an alert, as {@code node} sent it.
	 */
	static Map<Bytes, byte[]> nameRecords(Alert latest, NodeId node) {
		return (latest != null)
				? NameIndex.records(AlertPersons.of(latest), node, latest.getSentAt(), latest.getAlertId()) : Map.of();
	}

	/** Moves the index records as {@link #reindex} does, whatever a rebuild reached. */
	void index(SentHead held, SentHead updated) {
		replace(this.byTime, timeKey(held), timeKey(updated));
		replace(this.due, dueKey(held), dueKey(updated));
		replace(this.expiry, expiryKey(held), expiryKey(updated));
		recount(held, -1);
		recount(updated, 1);
	}

	private void recount(SentHead head, int sign) {
		int awaiting = (head != null) ? SentHeads.awaitingAcceptance(head).size() : 0;
		if (awaiting == 0) {
			return;
		}
		Bytes key = Bytes.wrap(head.getPriority().name().getBytes(StandardCharsets.UTF_8));
		byte[] counted = this.awaiting.get(key);
		long total = ((counted != null) ? ByteBuffer.wrap(counted).getLong() : 0) + sign * (long) awaiting;
		this.awaiting.put(key, ByteBuffer.allocate(Long.BYTES).putLong(total).array());
	}

	/** How many addressees of active alerts of {@code priority} have not accepted yet. */
	static long awaitingIn(ReadOnlyKeyValueStore<Bytes, byte[]> awaiting, Priority priority) {
		byte[] counted = awaiting.get(Bytes.wrap(priority.name().getBytes(StandardCharsets.UTF_8)));
		return (counted != null) ? ByteBuffer.wrap(counted).getLong() : 0;
	}

	private static void replace(KeyValueStore<Bytes, byte[]> index, Bytes old, Bytes current) {
		if (old != null && !old.equals(current)) {
			index.delete(old);
		}
		if (current != null && !current.equals(old)) {
			index.put(current, NO_VALUE);
		}
	}

	/**
	 * Its key in {@value #BY_TIME} while the view keeps it: when its newest revision was
	 * sent, counted down, then its id.
	 */
	static Bytes timeKey(SentHead head) {
		if (head == null || head.getErasedAt() != null) {
			return null;
		}
		return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + AlertIds.BYTES)
			.putLong(Long.MAX_VALUE - head.getSentAt().toEpochMilli())
			.putLong(head.getAlertId().getMostSignificantBits())
			.putLong(head.getAlertId().getLeastSignificantBits())
			.array());
	}

	/** The alert id of a {@value #BY_TIME} key. */
	static UUID alertIdOfTimeKey(Bytes key) {
		return AlertIds.at(key.get(), Long.BYTES);
	}

	/**
	 * Its key in {@value #DUE} while an addressee has neither accepted its newest
	 * revision nor been escalated for it: the priority, when it was sent, the id, the
	 * revision.
	 */
	private static Bytes dueKey(SentHead head) {
		if (head == null || SentHeads.due(head).isEmpty()) {
			return null;
		}
		byte[] prefix = prefix(head.getPriority());
		return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + AlertIds.BYTES + Integer.BYTES)
			.put(prefix)
			.putLong(head.getSentAt().toEpochMilli())
			.putLong(head.getAlertId().getMostSignificantBits())
			.putLong(head.getAlertId().getLeastSignificantBits())
			.putInt(head.getRevision())
			.array());
	}

	/**
	 * The due records of revisions of {@code priority} sent at or before {@code sentBy},
	 * oldest first; read their alert with {@link #dueAlertOf}. Close it.
	 */
	KeyValueIterator<Bytes, byte[]> due(Priority priority, Instant sentBy) {
		byte[] prefix = prefix(priority);
		byte[] past = ByteBuffer.allocate(prefix.length + Long.BYTES)
			.put(prefix)
			.putLong(sentBy.toEpochMilli() + 1)
			.array();
		return this.due.range(Bytes.wrap(prefix), Bytes.wrap(past));
	}

	/** The alert of a due record. */
	static UUID dueAlertOf(Bytes key) {
		byte[] bytes = key.get();
		return AlertIds.at(bytes, bytes.length - AlertIds.BYTES - Integer.BYTES);
	}

	/** Its key in {@value #EXPIRY}: when it is erased (or forgotten), then its id. */
	private static Bytes expiryKey(SentHead head) {
		if (head == null) {
			return null;
		}
		return expiryKey(head.getKeepUntil(), head.getAlertId());
	}

	private static Bytes expiryKey(Instant at, UUID alertId) {
		return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + AlertIds.BYTES)
			.putLong(Math.max(0, at.toEpochMilli()))
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.array());
	}

	/** The alerts to erase or forget by {@code now}, soonest first. Close it. */
	KeyValueIterator<Bytes, byte[]> expiredBy(Instant now) {
		return this.expiry.range(expiryKey(Instant.EPOCH, new UUID(0, 0)), expiryKey(now, new UUID(-1L, -1L)));
	}

	static UUID expiredAlertOf(Bytes key) {
		return AlertIds.at(key.get(), Long.BYTES);
	}

	private static byte[] prefix(Priority priority) {
		byte[] name = priority.name().getBytes(StandardCharsets.UTF_8);
		return Arrays.copyOf(name, name.length + 1);
	}

}
