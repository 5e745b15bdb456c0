package mekong.exchange.consumer.receiving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.dedup.Receipt;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The node's inbox and its receiver's dedup state: every revision taken of each alert,
 * with the desks' answers. Rebuilt at start-up from the node's {@code received} and
 * {@code desk-acks} topics, which the receiver and the desks write in the same
 * transactions as their acknowledgements.
 */
public final class ReceivedAlerts {

	private final Map<UUID, InboxEntry> entries = new ConcurrentHashMap<>();

	private final Map<UUID, List<Acknowledgement>> acksBeforeAlert = new ConcurrentHashMap<>();

	private final List<Consumer<UUID>> watchers = new CopyOnWriteArrayList<>();

	private final String receivedTopic;

	private final String deskAcksTopic;

	public ReceivedAlerts(NodeId node) {
		this.receivedTopic = Topics.received(node).name();
		this.deskAcksTopic = Topics.deskAcks(node).name();
	}

	/**
	 * What to do with an incoming revision, given what was taken of the same alert
	 * before.
	 */
	public Receipt judge(Alert incoming) {
		InboxEntry taken = this.entries.get(incoming.getAlertId());
		return Receipt.judge((taken != null) ? taken.taken() : null, NodeId.of(incoming.getOrigin().getNodeId()),
				incoming.getRevision());
	}

	/**
	 * Takes a revision; one not newer than the newest held is ignored, so replays cannot
	 * go back in time.
	 */
	public void take(Alert alert, Instant receivedAt) {
		this.entries.compute(alert.getAlertId(), (id, held) -> {
			if (held == null) {
				List<Acknowledgement> early = this.acksBeforeAlert.remove(id);
				return InboxEntry.first(alert, receivedAt, (early != null) ? early : List.of());
			}
			return (alert.getRevision() > held.alert().getRevision()) ? held.withRevision(alert, receivedAt) : held;
		});
	}

	/** Puts back what was held before a take whose transaction rolled back. */
	void restore(UUID alertId, InboxEntry held) {
		if (held == null) {
			this.entries.remove(alertId);
		}
		else {
			this.entries.put(alertId, held);
		}
	}

	public void deskAcknowledged(Acknowledgement ack) {
		InboxEntry updated = this.entries.computeIfPresent(ack.getAlertId(),
				(id, held) -> held.deskAcks().contains(ack) ? held : held.withDeskAck(ack));
		if (updated == null) {
			this.acksBeforeAlert.merge(ack.getAlertId(), List.of(ack),
					(earlier, later) -> Stream.concat(earlier.stream(), later.stream()).distinct().toList());
		}
	}

	public Optional<InboxEntry> find(UUID alertId) {
		return Optional.ofNullable(this.entries.get(alertId));
	}

	/** The entries that pass {@code filter}, newest sent first. */
	public List<InboxEntry> newest(Predicate<InboxEntry> filter, int limit) {
		return this.entries.values()
			.stream()
			.filter(filter)
			.sorted(Comparator.comparing((InboxEntry entry) -> entry.alert().getSentAt(), Comparator.reverseOrder()))
			.limit(limit)
			.toList();
	}

	/**
	 * The persons of {@code entry} who are possibly the same as persons named in alerts
	 * from other origins.
	 */
	public List<PersonLink> linksOf(InboxEntry entry) {
		List<PersonLink> links = new ArrayList<>();
		for (InboxEntry other : this.entries.values()) {
			if (other.origin().equals(entry.origin())) {
				continue;
			}
			for (PersonMatcher.Profile person : entry.persons()) {
				for (PersonMatcher.Profile otherPerson : other.persons()) {
					if (PersonMatcher.possiblySame(person, otherPerson)) {
						links.add(new PersonLink(person.person().fullName(), otherPerson.person().fullName(),
								other.alert().getAlertId(), other.origin().code()));
					}
				}
			}
		}
		return links;
	}

	/**
	 * Calls {@code watcher} with the id of each entry that changes from now on (a
	 * revision taken, a desk's answer), once the change is committed to Kafka.
	 * @return what stops the calls
	 */
	public Runnable watch(Consumer<UUID> watcher) {
		this.watchers.add(watcher);
		return () -> this.watchers.remove(watcher);
	}

	/** Applies one record of the {@code received} or {@code desk-acks} topic. */
	void apply(ConsumerRecord<String, Object> record) {
		if (this.receivedTopic.equals(record.topic()) && record.value() instanceof Alert alert) {
			take(alert, Instant.ofEpochMilli(record.timestamp()));
			changed(alert.getAlertId());
		}
		else if (this.deskAcksTopic.equals(record.topic()) && record.value() instanceof Acknowledgement ack) {
			deskAcknowledged(ack);
			changed(ack.getAlertId());
		}
	}

	private void changed(UUID alertId) {
		this.watchers.forEach((watcher) -> watcher.accept(alertId));
	}

}
