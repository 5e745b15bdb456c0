package mekong.exchange.producer.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.producer.publish.OutboxHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The origin's view of its alerts, built from its outbox (what it sent) and its acks
 * topic (what happened at each addressee). Also remembers which {@code Idempotency-Key}
 * produced which revision, so retries are recognised after a restart.
 */
public final class SentAlerts {

	private final Map<UUID, SentAlert> alerts = new ConcurrentHashMap<>();

	private final Map<String, IdempotentRequest> requests = new ConcurrentHashMap<>();

	/** Applies one record of the outbox or the acks topic. */
	void apply(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof Alert alert) {
			sent(alert, identityOf(record.headers(), alert));
		}
		else if (record.value() instanceof Acknowledgement ack) {
			this.alerts.compute(ack.getAlertId(),
					(id, known) -> ((known != null) ? known : SentAlert.empty(id)).withAck(ack));
		}
	}

	/**
	 * Records a revision as sent; the desk calls it once Kafka confirmed the write, for
	 * read-your-writes.
	 */
	public void sent(Alert alert, IdempotentRequest request) {
		this.alerts.compute(alert.getAlertId(),
				(id, known) -> ((known != null) ? known : SentAlert.empty(id)).withRevision(alert));
		if (request != null) {
			this.requests.putIfAbsent(request.key(), request);
		}
	}

	public Optional<SentAlert> find(UUID alertId) {
		return Optional.ofNullable(this.alerts.get(alertId)).filter((alert) -> !alert.revisions().isEmpty());
	}

	/** The alerts sent, newest first. */
	public List<SentAlert> newest(int limit) {
		return this.alerts.values()
			.stream()
			.filter((alert) -> !alert.revisions().isEmpty())
			.sorted(Comparator.comparing((SentAlert alert) -> alert.latest().getSentAt(), Comparator.reverseOrder()))
			.limit(limit)
			.toList();
	}

	public Optional<IdempotentRequest> request(String key) {
		return Optional.ofNullable(this.requests.get(key));
	}

	private static IdempotentRequest identityOf(Headers headers, Alert alert) {
		Header key = headers.lastHeader(OutboxHeaders.IDEMPOTENCY_KEY);
		Header fingerprint = headers.lastHeader(OutboxHeaders.REQUEST_FINGERPRINT);
		if (key == null || fingerprint == null) {
			return null;
		}
		return new IdempotentRequest(new String(key.value(), StandardCharsets.UTF_8),
				new String(fingerprint.value(), StandardCharsets.UTF_8), alert.getAlertId(), alert.getRevision());
	}

}
