package mekong.exchange.producer.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.web.Desk;
import mekong.exchange.producer.publish.AlertPublisher;
import mekong.exchange.producer.tracking.IdempotentRequest;
import mekong.exchange.producer.tracking.SentAlert;
import mekong.exchange.producer.tracking.SentAlerts;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Files desk alerts and their revisions. A request with an {@code Idempotency-Key} is
 * published at most once per desk and key, also when the desk retries after a timeout,
 * concurrently, or after the node restarted: the key travels with the record and the
 * sender view remembers it. Revisions of one alert are numbered one after the other and
 * only for alerts this node sent.
 */
@Service
class DeskSubmissions {

	private final AlertPublisher publisher;

	private final SentAlerts sentAlerts;

	private final NodeProperties node;

	private final Clock clock;

	private final JsonMapper json;

	private final MeterRegistry meters;

	/**
	 * Requests with the same key, or revisions of the same alert, wait for each other; a
	 * fixed set needs no clean-up.
	 */
	private final ReentrantLock[] locks = IntStream.range(0, 64)
		.mapToObj((stripe) -> new ReentrantLock())
		.toArray(ReentrantLock[]::new);

	DeskSubmissions(AlertPublisher publisher, SentAlerts sentAlerts, NodeProperties node, Clock clock, JsonMapper json,
			MeterRegistry meters) {
		this.publisher = publisher;
		this.sentAlerts = sentAlerts;
		this.node = node;
		this.clock = clock;
		this.json = json;
		this.meters = meters;
	}

	SubmissionResult submit(NewAlert request, Desk desk, String idempotencyKey) {
		return idempotently(request, desk, idempotencyKey,
				(identity) -> publish(
						NewAlertMapper.toAlert(request, UUID.randomUUID(), 1, MessageType.ALERT, null, sender(desk)),
						identity));
	}

	SubmissionResult revise(UUID alertId, NewRevision request, Desk desk, String idempotencyKey) {
		return idempotently(new RevisionOf(alertId, request), desk, idempotencyKey,
				(identity) -> locked(alertId.toString(), () -> {
					Optional<SentAlert> sent = this.sentAlerts.find(alertId);
					if (sent.isEmpty()) {
						return new SubmissionResult.UnknownAlert(alertId);
					}
					Alert latest = sent.get().latest();
					if (sent.get().cancelled()) {
						return new SubmissionResult.AlreadyCancelled(alertId, latest.getRevision());
					}
					int revision = latest.getRevision() + 1;
					Alert revised = (request.messageType() == MessageType.UPDATE)
							? NewAlertMapper.toAlert(request.alert(), alertId, revision, MessageType.UPDATE,
									request.revisionNote(), sender(desk))
							: NewAlertMapper.cancel(latest, revision, request.officer(), request.revisionNote(),
									sender(desk));
					return publish(revised, identity);
				}));
	}

	private SubmissionResult idempotently(Object request, Desk desk, String idempotencyKey,
			Function<AlertPublisher.RequestIdentity, SubmissionResult> submission) {
		if (idempotencyKey == null) {
			return submission.apply(null);
		}
		String key = desk.username() + ":" + idempotencyKey;
		String fingerprint = fingerprint(request);
		return locked(key, () -> {
			Optional<IdempotentRequest> earlier = this.sentAlerts.request(key);
			if (earlier.isPresent()) {
				return earlier.get().fingerprint().equals(fingerprint)
						? new SubmissionResult.Accepted(earlier.get().alertId(), earlier.get().revision(), true)
						: new SubmissionResult.KeyReused(idempotencyKey, earlier.get().alertId());
			}
			return submission.apply(new AlertPublisher.RequestIdentity(key, fingerprint));
		});
	}

	private SubmissionResult publish(Alert alert, AlertPublisher.RequestIdentity identity) {
		this.publisher.publish(alert, identity);
		this.sentAlerts.sent(alert, (identity != null) ? new IdempotentRequest(identity.idempotencyKey(),
				identity.fingerprint(), alert.getAlertId(), alert.getRevision()) : null);
		Counter.builder("exchange.alerts.published")
			.description("Alert revisions the node's desks filed")
			.tag("category", alert.getCategory().name())
			.tag("priority", alert.getPriority().name())
			.tag("type", alert.getMessageType().name())
			.register(this.meters)
			.increment();
		return new SubmissionResult.Accepted(alert.getAlertId(), alert.getRevision(), false);
	}

	private NewAlertMapper.Sender sender(Desk desk) {
		return new NewAlertMapper.Sender(this.node.id(), desk.desk(), this.clock.instant());
	}

	private SubmissionResult locked(String key, Supplier<SubmissionResult> work) {
		ReentrantLock lock = this.locks[Math.floorMod(key.hashCode(), this.locks.length)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	private String fingerprint(Object request) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(this.json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	/**
	 * What a revision request's fingerprint covers: the alert it revises and the request.
	 */
	private record RevisionOf(UUID alertId, NewRevision revision) {
	}

}
