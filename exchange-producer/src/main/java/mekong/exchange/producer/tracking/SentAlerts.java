package mekong.exchange.producer.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.Priority;
import mekong.exchange.producer.publish.OutboxHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The origin's view of its alerts, built from its outbox (what it sent), its acks topic
 * (what happened at each addressee) and its escalations topic. Also remembers which
 * {@code Idempotency-Key} produced which revision, so retries are recognised after a
 * restart. Measures the time from sending a revision to its acceptance
 * ({@code exchange_ack_latency_seconds}) and counts the revisions still awaiting
 * acceptance ({@code exchange_alerts_unacknowledged}).
 */
public final class SentAlerts {

	private final Map<UUID, SentAlert> alerts = new ConcurrentHashMap<>();

	private final Map<String, IdempotentRequest> requests = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Instant startedAt;

	/**
	 * @param startedAt acceptances from before this instant are history replayed at
	 * start-up, not measured again
	 */
	public SentAlerts(MeterRegistry meters, Instant startedAt) {
		this.meters = meters;
		this.startedAt = startedAt;
		for (Priority priority : List.of(Priority.FLASH, Priority.IMMEDIATE, Priority.ROUTINE)) {
			Gauge.builder("exchange.alerts.unacknowledged", this, (view) -> view.awaitingAcceptance(priority))
				.description("Addressees of the newest revision of active alerts that have not accepted it yet")
				.tag("priority", priority.name())
				.register(meters);
		}
	}

	/** Applies one record of the outbox, the acks topic or the escalations topic. */
	void apply(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof Alert alert) {
			sent(alert, identityOf(record.headers(), alert));
		}
		else if (record.value() instanceof Acknowledgement ack) {
			SentAlert updated = this.alerts.compute(ack.getAlertId(),
					(id, known) -> ((known != null) ? known : SentAlert.empty(id)).withAck(ack));
			measureAcceptance(updated, ack);
		}
		else if (record.value() instanceof Escalation escalation) {
			escalated(escalation);
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

	/** Records an escalation; the escalator calls it once Kafka confirmed the write. */
	public void escalated(Escalation escalation) {
		this.alerts.compute(escalation.getAlertId(),
				(id, known) -> ((known != null) ? known : SentAlert.empty(id)).withEscalation(escalation));
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

	private long awaitingAcceptance(Priority priority) {
		return this.alerts.values()
			.stream()
			.filter((alert) -> !alert.revisions().isEmpty() && !alert.cancelled()
					&& alert.latest().getPriority() == priority)
			.mapToLong((alert) -> alert.addressees()
				.values()
				.stream()
				.filter(SentAlert.AddresseeStatus::awaitingAcceptance)
				.count())
			.sum();
	}

	private void measureAcceptance(SentAlert alert, Acknowledgement ack) {
		if (ack.getStatus() != AckStatus.ACCEPTED || ack.getAt().isBefore(this.startedAt)) {
			return;
		}
		alert.revisions()
			.stream()
			.filter((revision) -> revision.getRevision() == ack.getRevision())
			.findFirst()
			.ifPresent((revision) -> Timer.builder("exchange.ack.latency")
				.description("Time from sending a revision to its acceptance by an addressee's desk")
				.tag("partner", ack.getRecipientNode())
				.tag("priority", revision.getPriority().name())
				.serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
						Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4))
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofSeconds(1))
				.maximumExpectedValue(Duration.ofHours(24))
				.register(this.meters)
				.record(Duration.between(revision.getSentAt(), ack.getAt())));
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
