package mekong.exchange.producer.tracking;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Priority;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.LocalStores;
import mekong.exchange.boot.streams.NodeInstances;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Service;

/**
 * What a desk asks of the sender view, answered from its state stores: an alert by id,
 * the newest alerts, an alert's audit trail. Each costs what it returns (and, for the
 * list, a page per partition), not the number of alerts ever sent. Also counts the
 * addressees that have not accepted the newest revision of an active alert
 * ({@code exchange_alerts_unacknowledged}).
 */
@Service
public class SentAlerts {

	private final LocalStores stores;

	private final NodeInstances instances;

	private final SentWatchers watchers;

	private final String outbox;

	SentAlerts(@Qualifier("&producerStreams") StreamsBuilderFactoryBean producerStreams, SentWatchers watchers,
			NodeProperties node, MeterRegistry meters) {
		this.stores = new LocalStores(producerStreams);
		this.instances = new NodeInstances(producerStreams);
		this.watchers = watchers;
		this.outbox = Topics.outbox(node.id()).name();
		for (Priority priority : List.of(Priority.FLASH, Priority.IMMEDIATE, Priority.ROUTINE)) {
			Gauge.builder("exchange.alerts.unacknowledged", this, (view) -> view.awaitingAcceptance(priority))
				.description("Addressees of the newest revision of active alerts that have not accepted it yet")
				.tag("priority", priority.name())
				.register(meters);
		}
	}

	/** The instance of the node that holds {@code alertId}, if it is not this one. */
	public Optional<HostInfo> holderElsewhere(UUID alertId) {
		return this.instances.holderElsewhere(SentStores.ALERTS, alertId.toString());
	}

	/** The other instances of the node, each holding a share of its sent alerts. */
	public List<HostInfo> otherInstances() {
		return this.instances.othersHolding(SentStores.ALERTS);
	}

	public Optional<SentAlert> find(UUID alertId) {
		return Optional.ofNullable(this.stores.<String, SentAlert>store(SentStores.ALERTS).get(alertId.toString()))
			.filter(SentAlert::sent);
	}

	/** Up to {@code limit} alerts, the newest revision sent first. */
	public List<SentAlert> newest(int limit) {
		List<Bytes> newest = new ArrayList<>();
		for (ReadOnlyKeyValueStore<Bytes, byte[]> partition : this.stores
			.<Bytes, byte[]>partitionsOf(SentStores.BY_TIME, this.outbox)) {
			try (KeyValueIterator<Bytes, byte[]> keys = partition.all()) {
				for (int taken = 0; taken < limit && keys.hasNext(); taken++) {
					newest.add(keys.next().key);
				}
			}
		}
		newest.sort(Comparator.naturalOrder());
		ReadOnlyKeyValueStore<String, SentAlert> alerts = this.stores.store(SentStores.ALERTS);
		return newest.stream()
			.limit(limit)
			.map((key) -> alerts.get(SentStores.alertIdOfTimeKey(key).toString()))
			.filter((alert) -> alert != null && alert.sent())
			.toList();
	}

	/** The audit events of one of the node's alerts in the order they were recorded. */
	public List<AuditEvent> auditOf(UUID alertId) {
		List<AuditEvent> events = new ArrayList<>();
		try (KeyValueIterator<Bytes, byte[]> records = this.stores.<Bytes, byte[]>store(SentStores.AUDIT)
			.range(SentStores.auditKey(alertId, 0), SentStores.auditKey(alertId, Long.MAX_VALUE))) {
			records.forEachRemaining((record) -> events.add(decode(record.value)));
		}
		return events;
	}

	/**
	 * Waits until the view holds revision {@code revision} of {@code alertId}, so that a
	 * desk reads what it just sent.
	 * @return false if it does not after {@code timeout}
	 */
	public boolean awaitRevision(UUID alertId, int revision, Duration timeout) {
		return this.watchers.await(alertId,
				() -> find(alertId).map((sent) -> sent.latest().getRevision() >= revision).orElse(false), timeout);
	}

	private double awaitingAcceptance(Priority priority) {
		try {
			long awaiting = 0;
			for (ReadOnlyKeyValueStore<String, Long> partition : this.stores
				.<String, Long>partitionsOf(SentStores.AWAITING, this.outbox)) {
				Long counted = partition.get(priority.name());
				awaiting += (counted != null) ? counted : 0;
			}
			return awaiting;
		}
		catch (InvalidStateStoreException notOpen) {
			return Double.NaN;
		}
	}

	private static AuditEvent decode(byte[] value) {
		try {
			return AuditEvent.getDecoder().decode(value);
		}
		catch (IOException ex) {
			throw new SerializationException("An audit event of the sender view could not be read", ex);
		}
	}

}
