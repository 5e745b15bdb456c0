package mekong.exchange.producer.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.state.IdempotentRequest;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.forwarding.AlertHolders;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.LocalStores;
import mekong.exchange.boot.streams.NodeInstances;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Service;

/**
 * What a desk asks of the sender view, answered from its state stores as its transactions
 * committed them: an alert by id, the newest alerts, the alerts naming a person, a
 * request's revision. Each costs what it returns (and, for the list, a page per
 * partition), not the number of alerts ever sent. Also counts the addressees that have
 * not accepted the newest revision of an active alert
 * ({@code exchange_alerts_unacknowledged}).
 */
@Service
public class SentAlerts implements AlertHolders {

	/** Entries of an alert's history shown with it, the newest. */
	static final int HISTORY_SHOWN = 200;

	private final LocalStores stores;

	private final NodeInstances instances;

	private final SentWatchers watchers;

	private final String outbox;

	private final NodeId node;

	SentAlerts(@Qualifier("&producerStreams") StreamsBuilderFactoryBean producerStreams, SentWatchers watchers,
			NodeProperties node, MeterRegistry meters) {
		this.stores = new LocalStores(producerStreams);
		this.instances = new NodeInstances(producerStreams);
		this.watchers = watchers;
		this.outbox = Topics.outbox(node.id()).name();
		this.node = node.id();
		for (Priority priority : List.of(Priority.FLASH, Priority.IMMEDIATE, Priority.ROUTINE)) {
			Gauge.builder("exchange.alerts.unacknowledged", this, (view) -> view.awaitingAcceptance(priority))
				.description("Addressees of the newest revision of active alerts that have not accepted it yet")
				.tag("priority", priority.name())
				.register(meters);
		}
	}

	@Override
	public Optional<HostInfo> holderElsewhere(UUID alertId) {
		return this.instances.holderElsewhere(SentStores.HEADS, alertId.toString());
	}

	/** The other instances of the node, each holding a share of its sent alerts. */
	public List<HostInfo> otherInstances() {
		return this.instances.othersHolding(SentStores.HEADS);
	}

	/** The head of {@code alertId}, erased or not, if the view holds it. */
	public Optional<SentHead> head(UUID alertId) {
		return Optional.ofNullable(this.stores.<String, SentHead>store(SentStores.HEADS).get(alertId.toString()));
	}

	/**
	 * One alert with what each revision did, the newest entries of its history and its
	 * escalations, if the view keeps it (not erased).
	 */
	public Optional<SentAlert> find(UUID alertId) {
		return head(alertId).filter((head) -> !SentHeads.erased(head)).map((head) -> detailed(head, HISTORY_SHOWN));
	}

	/**
	 * One alert with its whole history, for its audit trail, if the view keeps it: at
	 * most {@code mekong.limits.acknowledgements-per-alert} entries.
	 */
	public Optional<SentAlert> trail(UUID alertId) {
		return head(alertId).filter((head) -> !SentHeads.erased(head)).map((head) -> detailed(head, Integer.MAX_VALUE));
	}

	private SentAlert detailed(SentHead head, int historyShown) {
		UUID alertId = head.getAlertId();
		List<RevisionSummary> revisions = new ArrayList<>();
		try (KeyValueIterator<Bytes, RevisionSummary> parts = this.stores
			.<Bytes, RevisionSummary>store(SentStores.REVISIONS)
			.range(AlertIds.part(alertId, 0), AlertIds.part(alertId, head.getRevision()))) {
			parts.forEachRemaining((part) -> revisions.add(part.value));
		}
		List<Acknowledgement> history = new ArrayList<>();
		int from = Math.max(0, head.getEvents() - historyShown);
		if (head.getEvents() > 0) {
			try (KeyValueIterator<Bytes, Acknowledgement> parts = this.stores
				.<Bytes, Acknowledgement>store(SentStores.HISTORY)
				.range(AlertIds.part(alertId, from), AlertIds.part(alertId, head.getEvents() - 1))) {
				parts.forEachRemaining((part) -> history.add(part.value));
			}
		}
		List<Escalation> escalations = new ArrayList<>();
		try (KeyValueIterator<Bytes, Escalation> parts = this.stores.<Bytes, Escalation>store(SentStores.ESCALATIONS)
			.range(AlertIds.firstPart(alertId), AlertIds.pastParts(alertId))) {
			parts.forEachRemaining((part) -> escalations.add(part.value));
		}
		escalations.removeIf((escalation) -> head.getAddressees()
			.stream()
			.noneMatch((state) -> state.getNode().equals(escalation.getAddressee())
					&& state.getEscalatedRevision() >= escalation.getRevision()));
		escalations.sort(Comparator.comparing(Escalation::getEscalatedAt));
		return new SentAlert(head, latest(alertId), revisions, history, head.getEvents(), escalations);
	}

	private Alert latest(UUID alertId) {
		return this.stores.<String, Alert>store(SentStores.CONTENT).get(alertId.toString());
	}

	/** The newest revision of {@code alertId} in full, if the view keeps it. */
	public Optional<Alert> latestOf(UUID alertId) {
		return Optional.ofNullable(latest(alertId));
	}

	/** Up to {@code limit} alerts the view keeps, the newest revision sent first. */
	public List<SentAlert> newest(int limit) {
		List<Bytes> newest = new ArrayList<>();
		for (ReadOnlyKeyValueStore<Bytes, byte[]> partition : this.stores.indexOf(SentStores.BY_TIME,
				SentStores.GENERATION, SentStores.EXPIRY, this.outbox)) {
			try (KeyValueIterator<Bytes, byte[]> keys = partition.all()) {
				for (int taken = 0; taken < limit && keys.hasNext(); taken++) {
					newest.add(keys.next().key);
				}
			}
		}
		newest.sort(Comparator.naturalOrder());
		ReadOnlyKeyValueStore<String, SentHead> heads = this.stores.store(SentStores.HEADS);
		List<SentAlert> alerts = new ArrayList<>();
		for (Bytes key : newest.subList(0, Math.min(limit, newest.size()))) {
			SentAlert listed = listed(heads, SentStores.alertIdOfTimeKey(key));
			if (listed != null) {
				alerts.add(listed);
			}
		}
		return alerts;
	}

	/** The alert of a list, if the view keeps it and its newest revision is committed. */
	private SentAlert listed(ReadOnlyKeyValueStore<String, SentHead> heads, UUID alertId) {
		SentHead head = heads.get(alertId.toString());
		Alert latest = (head != null && !SentHeads.erased(head)) ? latest(alertId) : null;
		return (latest != null && latest.getRevision() == head.getRevision()) ? SentAlert.listed(head, latest) : null;
	}

	/**
	 * Up to {@code limit} alerts the view keeps whose newest revision names a person
	 * possibly the same as {@code person}, whatever the script, diacritics or word order
	 * either is written in; the newest revision sent first. Reads the name index, not the
	 * alerts.
	 */
	public List<SentAlert> naming(PersonName person, int limit) {
		ReadOnlyKeyValueStore<String, SentHead> heads = this.stores.store(SentStores.HEADS);
		return NameIndex
			.matches(this.stores.indexOf(SentStores.BY_NAME, SentStores.GENERATION, SentStores.EXPIRY, this.outbox),
					PersonMatcher.profile(person), this.node, limit)
			.stream()
			.map((match) -> listed(heads, match.alertId()))
			.filter(Objects::nonNull)
			.toList();
	}

	/**
	 * The request with {@code key} (the desk's user and its {@code Idempotency-Key}) that
	 * produced a revision of {@code alertId}, if one did.
	 */
	public Optional<IdempotentRequest> request(UUID alertId, String key) {
		return Optional.ofNullable(
				this.stores.<Bytes, IdempotentRequest>store(SentStores.REQUESTS).get(AlertIds.part(alertId, key)));
	}

	/**
	 * Waits until the view holds revision {@code revision} of {@code alertId}, committed,
	 * so that a desk reads what it just sent.
	 * @return false if it does not after {@code timeout}
	 */
	public boolean awaitRevision(UUID alertId, int revision, Duration timeout) {
		return this.watchers.await(alertId,
				() -> head(alertId).map((head) -> head.getRevision() >= revision).orElse(false), timeout);
	}

	private double awaitingAcceptance(Priority priority) {
		try {
			long awaiting = 0;
			for (ReadOnlyKeyValueStore<Bytes, byte[]> partition : this.stores.indexOf(SentStores.AWAITING,
					SentStores.GENERATION, SentStores.EXPIRY, this.outbox)) {
				awaiting += SentStores.awaitingIn(partition, priority);
			}
			return awaiting;
		}
		catch (InvalidStateStoreException notOpen) {
			return Double.NaN;
		}
	}

}
