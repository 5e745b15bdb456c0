package mekong.exchange.boot.reads;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.AccessEvent;
import mekong.exchange.avro.AccessKind;
import mekong.exchange.boot.kafka.ConfirmedWrites;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.security.Desk;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Puts on record every answer of the desk API that holds personal data, before it leaves:
 * who read which alerts, or searched for which name, when, on which instance of the node,
 * in the node's access topic ({@link Topics#access}). If Kafka does not confirm the
 * record, the desk gets 503 and no data: nothing is read off the record.
 * <p>
 * A console polls its lists every few seconds: the same login reading the same alerts the
 * same way again within {@link #SAME_READ_RECORDED_ONCE_PER} is not recorded again, since
 * it learns nothing new. The instance remembers at most {@value #READS_REMEMBERED} such
 * reads, each by a digest of who read what (32 bytes, however long the page), and records
 * again what it forgot.
 */
public final class ReadLog {

	static final Duration SAME_READ_RECORDED_ONCE_PER = Duration.ofMinutes(5);

	static final int READS_REMEMBERED = 1_000;

	private static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(10);

	private static final char SEPARATOR = ':';

	private final Map<SameRead, Instant> recentlyRecorded = new ConcurrentHashMap<>();

	private final KafkaOperations<String, Object> kafka;

	private final NodeProperties node;

	private final Clock clock;

	private final MeterRegistry meters;

	public ReadLog(KafkaOperations<String, Object> kafka, NodeProperties node, Clock clock, MeterRegistry meters) {
		this.kafka = kafka;
		this.node = node;
		this.clock = clock;
		this.meters = meters;
	}

	/** {@code desk} is about to get {@code alertIds}, read as {@code read}. */
	public void read(Desk desk, AccessKind read, List<String> alertIds) {
		write(desk, read, alertIds, null);
	}

	/**
	 * {@code desk} searched for {@code names} as {@code search} and is about to get
	 * {@code alertIds}.
	 */
	public void searched(Desk desk, AccessKind search, String names, List<String> alertIds) {
		write(desk, search, alertIds, names);
	}

	/**
	 * {@code supervisor} is about to get the reads on record that {@code whose}
	 * describes, about {@code alertIds} if it named an alert.
	 */
	public void listed(Desk supervisor, String whose, List<String> alertIds) {
		write(supervisor, AccessKind.READS_LISTED, alertIds, whose);
	}

	private void write(Desk desk, AccessKind read, List<String> alertIds, String query) {
		Instant now = this.clock.instant();
		SameRead same = SameRead.of(desk, read, alertIds, query);
		Instant recorded = this.recentlyRecorded.get(same);
		if (recorded != null && recorded.plus(SAME_READ_RECORDED_ONCE_PER).isAfter(now)) {
			return;
		}
		AccessEvent event = AccessEvent.newBuilder()
			.setUser(desk.username())
			.setDesk(desk.desk())
			.setNode(this.node.id().code())
			.setInstance(this.node.instance())
			.setAt(now)
			.setRead(read)
			.setAlertIds(alertIds)
			.setQuery(query)
			.build();
		ConfirmedWrites.write(this.kafka,
				new ProducerRecord<>(Topics.access(this.node.id()).name(), desk.username(), event),
				CONFIRMATION_TIMEOUT, "the record of a " + read + " read by " + desk.username());
		Counter.builder("exchange.desk.reads")
			.description("Answers of the desk API that held personal data, each put on record in the access topic")
			.tag("read", read.name())
			.register(this.meters)
			.increment();
		remember(same, now);
	}

	private void remember(SameRead read, Instant at) {
		if (this.recentlyRecorded.size() >= READS_REMEMBERED) {
			Instant forgotten = at.minus(SAME_READ_RECORDED_ONCE_PER);
			this.recentlyRecorded.values().removeIf((recorded) -> recorded.isBefore(forgotten));
			if (this.recentlyRecorded.size() >= READS_REMEMBERED) {
				this.recentlyRecorded.clear();
			}
		}
		this.recentlyRecorded.put(read, at);
	}

	/** A digest of who read what, and how. */
	private record SameRead(ByteBuffer digest) {

		static SameRead of(Desk desk, AccessKind read, List<String> alertIds, String query) {
			StringBuilder text = new StringBuilder();
			for (String part : List.of(desk.username(), desk.desk(), read.name(), String.valueOf(query))) {
				text.append(part.length()).append(SEPARATOR).append(part);
			}
			alertIds.forEach((alertId) -> text.append(SEPARATOR).append(alertId));
			try {
				return new SameRead(ByteBuffer.wrap(
						MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8))));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every JDK has SHA-256", ex);
			}
		}

	}

}
