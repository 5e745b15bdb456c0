package mekong.exchange.consumer.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.boot.kafka.StateSubjects;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.DerivedIndexes;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The inbox's state stores, partitioned like the node's inbox, each record bounded
 * whatever an alert's history:
 * <ul>
 * <li>{@value #HEADS}: per alert, its {@link InboxHead} (what a list shows, what
 * deduplication reads, until when the node keeps it), read committed by desks
 * ({@link CommittedReads});</li>
 * <li>{@value #CONTENT}: per alert, its newest revision in full, read committed too;</li>
 * <li>{@value #REVISIONS}: per alert and revision, what the revision did and when it was
 * taken;</li>
 * <li>{@value #ANSWERS}: per alert, in order, each answer of the node's desks;</li>
 * <li>{@value #ANSWER_COUNTS}: per alert and desk, how many answers the desk gave;</li>
 * <li>indexes without changelogs ({@link DerivedIndexes}): {@value #BY_TIME} and
 * {@value #BY_NAME} ({@link InboxIndex}) and {@value #EXPIRY} (when each alert is to be
 * erased).</li>
 * </ul>
 * A head says which of its parts count (revisions up to its newest, answers below its
 * count), so that a desk reading a committed head reads only committed parts.
 */
public final class InboxStores {

	static final String HEADS = "inbox-heads";

	static final String CONTENT = "inbox-content";

	static final String REVISIONS = "inbox-revisions";

	static final String ANSWERS = "inbox-answers";

	static final String ANSWER_COUNTS = "inbox-answer-counts";

	static final String GENERATION = "inbox-indexes";

	static final String BY_TIME = "inbox-by-time";

	static final String BY_NAME = "inbox-by-name";

	static final String EXPIRY = "inbox-expiry";

	final KeyValueStore<String, InboxHead> heads;

	final KeyValueStore<String, Alert> content;

	final KeyValueStore<Bytes, RevisionSummary> revisions;

	final KeyValueStore<Bytes, Acknowledgement> answers;

	final KeyValueStore<Bytes, Integer> answerCounts;

	final KeyValueStore<Bytes, byte[]> byTime;

	final KeyValueStore<Bytes, byte[]> byName;

	final KeyValueStore<Bytes, byte[]> expiry;

	final DerivedIndexes indexes;

	private InboxStores(ProcessingContext context, TaskIndexes rebuilds, TaskIndexes.Holder holder) {
		this.heads = context.getStateStore(HEADS);
		this.content = context.getStateStore(CONTENT);
		this.revisions = context.getStateStore(REVISIONS);
		this.answers = context.getStateStore(ANSWERS);
		this.answerCounts = context.getStateStore(ANSWER_COUNTS);
		this.byTime = context.getStateStore(BY_TIME);
		this.byName = context.getStateStore(BY_NAME);
		this.expiry = context.getStateStore(EXPIRY);
		this.indexes = rebuilds.of(context, holder, () -> new DerivedIndexes(context.getStateStore(GENERATION),
				List.of(this.expiry, this.byTime, this.byName), "inbox-" + PersonMatcher.KEYS_VERSION));
	}

	/**
	 * The stores of the task of {@code context}, with the indexes {@code holder} shares
	 * with the task's other processors in {@code rebuilds}.
	 */
	public static InboxStores of(ProcessingContext context, TaskIndexes rebuilds, TaskIndexes.Holder holder) {
		return new InboxStores(context, rebuilds, holder);
	}

	/** Forgets the task's indexes, when the processor that opened them closes. */
	public void close(ProcessingContext context, TaskIndexes rebuilds) {
		rebuilds.close(context, this.indexes);
	}

	/**
	 * What a topology adds for the inbox.
	 * @param longest the longest a head or content record lives after it was last
	 * written: the longest retention of an agreement and the time the node then remembers
	 * an erased alert
	 * @param visible told the id of each alert whose change desks may now read
	 */
	public static List<StoreBuilder<?>> builders(NodeSerdes serdes, CommittedReads committed, Duration longest,
			Consumer<UUID> visible) {
		return List.of(
				NodeStreams.expiring(committed.persistent(HEADS, (key) -> visible.accept(alertIdOf(key))),
						Serdes.String(), serdes.state(InboxHead.class), longest),
				NodeStreams.expiring(committed.persistent(CONTENT, (key) -> {
				}), Serdes.String(), serdes.state(Alert.class), longest),
				NodeStreams.store(REVISIONS, Serdes.Bytes(), serdes.state(RevisionSummary.class)),
				NodeStreams.store(ANSWERS, Serdes.Bytes(), serdes.state(Acknowledgement.class)),
				NodeStreams.store(ANSWER_COUNTS, Serdes.Bytes(), Serdes.Integer()),
				DerivedIndexes.generationStore(GENERATION), DerivedIndexes.indexStore(BY_TIME),
				DerivedIndexes.indexStore(BY_NAME), DerivedIndexes.indexStore(EXPIRY));
	}

	/** The schemas of the records of the inbox's logged stores, by changelog subject. */
	public static StateSubjects subjects(NodeId node, String side) {
		return new StateSubjects(Map.of(subject(node, side, HEADS), InboxHead.getClassSchema(),
				subject(node, side, CONTENT), Alert.getClassSchema(), subject(node, side, REVISIONS),
				RevisionSummary.getClassSchema(), subject(node, side, ANSWERS), Acknowledgement.getClassSchema()));
	}

	private static String subject(NodeId node, String side, String store) {
		return NodeStreams.changelog(node, side, store) + "-value";
	}

	/** The names of every store, for the processors that use them. */
	public static String[] names() {
		return new String[] { HEADS, CONTENT, REVISIONS, ANSWERS, ANSWER_COUNTS, GENERATION, BY_TIME, BY_NAME, EXPIRY };
	}

	InboxHead head(UUID alertId) {
		return this.heads.get(alertId.toString());
	}

	private static UUID alertIdOf(Bytes headKey) {
		return UUID.fromString(new String(headKey.get(), StandardCharsets.UTF_8));
	}

}
