package mekong.exchange.producer.tracking;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Priority;
import mekong.exchange.boot.streams.NodeStreams;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The sender view's state stores, partitioned like the node's outbox, and their indexes,
 * kept together so that no query reads more than it answers:
 * <ul>
 * <li>{@value #ALERTS}: each sent alert by id;</li>
 * <li>{@value #BY_TIME}: the alerts newest revision first (its sending time counted down
 * from the end of time, then the id);</li>
 * <li>{@value #DUE}: the revisions an addressee has neither accepted nor been escalated
 * for, by priority, oldest sent first: what the escalator reads;</li>
 * <li>{@value #AWAITING}: per priority, how many addressees of active alerts have not
 * accepted the newest revision;</li>
 * <li>{@value #AUDIT}: the audit events of the node's own alerts, by alert and
 * offset.</li>
 * </ul>
 */
public final class SentStores {

	static final String ALERTS = "sent-alerts";

	static final String BY_TIME = "sent-by-time";

	static final String DUE = "sent-due";

	static final String AWAITING = "sent-awaiting";

	static final String AUDIT = "sent-audit";

	private static final byte[] NO_VALUE = new byte[0];

	private static final int ID_BYTES = 16;

	private final KeyValueStore<String, SentAlert> alerts;

	private final KeyValueStore<Bytes, byte[]> byTime;

	private final KeyValueStore<Bytes, byte[]> due;

	private final KeyValueStore<String, Long> awaiting;

	private final KeyValueStore<Bytes, byte[]> audit;

	private SentStores(ProcessingContext context) {
		this.alerts = context.getStateStore(ALERTS);
		this.byTime = context.getStateStore(BY_TIME);
		this.due = context.getStateStore(DUE);
		this.awaiting = context.getStateStore(AWAITING);
		this.audit = context.getStateStore(AUDIT);
	}

	/** The stores of the task of {@code context}. */
	public static SentStores of(ProcessingContext context) {
		return new SentStores(context);
	}

	/** What a topology adds for the view, each store with its changelog. */
	public static List<StoreBuilder<?>> builders() {
		return List.of(NodeStreams.store(ALERTS, Serdes.String(), SentAlertSerde.serde()), index(BY_TIME), index(DUE),
				NodeStreams.store(AWAITING, Serdes.String(), Serdes.Long()), index(AUDIT));
	}

	/** The names of every store, for the processors that use them. */
	public static String[] names() {
		return new String[] { ALERTS, BY_TIME, DUE, AWAITING, AUDIT };
	}

	private static StoreBuilder<?> index(String name) {
		return NodeStreams.store(name, Serdes.Bytes(), Serdes.ByteArray());
	}

	public SentAlert get(UUID alertId) {
		return this.alerts.get(alertId.toString());
	}

	/**
	 * Replaces {@code held} (null if none) by {@code updated}, with its index records.
	 */
	public void put(SentAlert held, SentAlert updated) {
		if (Objects.equals(held, updated)) {
			return;
		}
		this.alerts.put(updated.alertId().toString(), updated);
		replace(this.byTime, timeKey(held), timeKey(updated));
		replace(this.due, dueKey(held), dueKey(updated));
		recount(held, updated);
	}

	/** Adds an audit event of one of the node's alerts, read at {@code offset}. */
	void addAudit(AuditEvent event, long offset) {
		this.audit.put(auditKey(event.getAlertId(), offset), encode(event));
	}

	/**
	 * Its key in {@value #AUDIT}: the alert id, then the offset the event was read at
	 * (all of an alert's events are on one partition, in order).
	 */
	static Bytes auditKey(UUID alertId, long offset) {
		return Bytes.wrap(ByteBuffer.allocate(ID_BYTES + Long.BYTES)
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.putLong(offset)
			.array());
	}

	private static byte[] encode(AuditEvent event) {
		try {
			ByteBuffer encoded = AuditEvent.getEncoder().encode(event);
			byte[] value = new byte[encoded.remaining()];
			encoded.get(value);
			return value;
		}
		catch (IOException ex) {
			throw new SerializationException("Audit event of alert " + event.getAlertId() + " could not be encoded",
					ex);
		}
	}

	/**
	 * The due records of revisions of {@code priority} sent at or before {@code sentBy},
	 * oldest first; read their alert with {@link #dueAlertOf}. Close it.
	 */
	public KeyValueIterator<Bytes, byte[]> due(Priority priority, Instant sentBy) {
		byte[] prefix = prefix(priority);
		byte[] past = ByteBuffer.allocate(prefix.length + Long.BYTES)
			.put(prefix)
			.putLong(sentBy.toEpochMilli() + 1)
			.array();
		return this.due.range(Bytes.wrap(prefix), Bytes.wrap(past));
	}

	/** The alert of a due record. */
	public static UUID dueAlertOf(Bytes key) {
		byte[] bytes = key.get();
		ByteBuffer id = ByteBuffer.wrap(bytes, bytes.length - ID_BYTES - Integer.BYTES, ID_BYTES);
		return new UUID(id.getLong(), id.getLong());
	}

	/**
	 * Moves the addressees awaiting acceptance from {@code held}'s count to
	 * {@code updated}'s, writing only a count that changes (most acknowledgements do not
	 * change it).
	 */
	private void recount(SentAlert held, SentAlert updated) {
		Map<String, Long> changes = new HashMap<>();
		addAwaiting(changes, held, -1);
		addAwaiting(changes, updated, 1);
		changes.forEach((priority, change) -> {
			if (change != 0) {
				Long counted = this.awaiting.get(priority);
				this.awaiting.put(priority, ((counted != null) ? counted : 0L) + change);
			}
		});
	}

	private static void addAwaiting(Map<String, Long> changes, SentAlert alert, int sign) {
		int awaiting = (alert != null) ? alert.awaitingAcceptance().size() : 0;
		if (awaiting > 0) {
			changes.merge(alert.latest().getPriority().name(), sign * (long) awaiting, Long::sum);
		}
	}

	private static void replace(KeyValueStore<Bytes, byte[]> index, Bytes old, Bytes current) {
		if (Objects.equals(old, current)) {
			return;
		}
		if (old != null) {
			index.delete(old);
		}
		if (current != null) {
			index.put(current, NO_VALUE);
		}
	}

	/**
	 * Its key in {@value #BY_TIME}: when its newest revision was sent, counted down, then
	 * its id.
	 */
	static Bytes timeKey(SentAlert alert) {
		if (alert == null || !alert.sent()) {
			return null;
		}
		return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + ID_BYTES)
			.putLong(Long.MAX_VALUE - alert.latest().getSentAt().toEpochMilli())
			.putLong(alert.alertId().getMostSignificantBits())
			.putLong(alert.alertId().getLeastSignificantBits())
			.array());
	}

	/** The alert id of a {@value #BY_TIME} key. */
	static UUID alertIdOfTimeKey(Bytes key) {
		ByteBuffer bytes = ByteBuffer.wrap(key.get(), Long.BYTES, ID_BYTES);
		return new UUID(bytes.getLong(), bytes.getLong());
	}

	/**
	 * Its key in {@value #DUE} while an addressee has neither accepted its newest
	 * revision nor been escalated for it: the priority, when it was sent, the id, the
	 * revision.
	 */
	private static Bytes dueKey(SentAlert alert) {
		if (alert == null) {
			return null;
		}
		Alert latest = alert.sent() ? alert.latest() : null;
		boolean due = alert.awaitingAcceptance().stream().anyMatch((status) -> !status.escalated());
		if (!due) {
			return null;
		}
		byte[] prefix = prefix(latest.getPriority());
		return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + ID_BYTES + Integer.BYTES)
			.put(prefix)
			.putLong(latest.getSentAt().toEpochMilli())
			.putLong(alert.alertId().getMostSignificantBits())
			.putLong(alert.alertId().getLeastSignificantBits())
			.putInt(latest.getRevision())
			.array());
	}

	private static byte[] prefix(Priority priority) {
		byte[] name = priority.name().getBytes(StandardCharsets.UTF_8);
		return Arrays.copyOf(name, name.length + 1);
	}

}
