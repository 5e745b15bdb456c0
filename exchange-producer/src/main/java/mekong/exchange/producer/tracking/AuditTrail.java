package mekong.exchange.producer.tracking;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import mekong.exchange.avro.AuditEvent;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The audit trail of the node's own alerts, built from its audit topic: who filed,
 * revised, routed, denied, received, answered and escalated each of them, and when.
 * Events of partners' alerts (what this node's receiver and desks did with them) stay in
 * the topic.
 */
public final class AuditTrail {

	private final NodeId node;

	private final Map<UUID, List<AuditEvent>> events = new ConcurrentHashMap<>();

	public AuditTrail(NodeId node) {
		this.node = node;
	}

	void apply(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof AuditEvent event && this.node.code().equals(event.getOrigin())) {
			this.events.computeIfAbsent(event.getAlertId(), (id) -> new CopyOnWriteArrayList<>()).add(event);
		}
	}

	/** The events of one alert in the order they were recorded; empty if none. */
	public List<AuditEvent> of(UUID alertId) {
		return List.copyOf(this.events.getOrDefault(alertId, List.of()));
	}

}
