package mekong.exchange.producer.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.web.DeskUser;
import mekong.exchange.producer.publish.AlertPublisher;
import mekong.exchange.producer.tracking.IdempotentRequest;
import mekong.exchange.producer.tracking.SentAlerts;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Files desk alerts. A request with an {@code Idempotency-Key} is published at most once
 * per desk and key, also when the desk retries after a timeout, concurrently, or after
 * the node restarted: the key travels with the record and the sender view remembers it.
 */
@Service
class DeskSubmissions {

	private final AlertPublisher publisher;

	private final SentAlerts sentAlerts;

	private final NodeProperties node;

	private final Clock clock;

	private final JsonMapper json;

	/**
	 * Requests with the same key wait for each other; a fixed set of locks needs no
	 * clean-up.
	 */
	private final ReentrantLock[] keyLocks = IntStream.range(0, 64)
		.mapToObj((stripe) -> new ReentrantLock())
		.toArray(ReentrantLock[]::new);

	DeskSubmissions(AlertPublisher publisher, SentAlerts sentAlerts, NodeProperties node, Clock clock,
			JsonMapper json) {
		this.publisher = publisher;
		this.sentAlerts = sentAlerts;
		this.node = node;
		this.clock = clock;
		this.json = json;
	}

	SubmissionResult submit(NewAlert request, DeskUser desk, String idempotencyKey) {
		if (idempotencyKey == null) {
			return publish(request, desk, null);
		}
		String key = desk.getUsername() + ":" + idempotencyKey;
		String fingerprint = fingerprint(request);
		ReentrantLock lock = this.keyLocks[Math.floorMod(key.hashCode(), this.keyLocks.length)];
		lock.lock();
		try {
			Optional<IdempotentRequest> earlier = this.sentAlerts.request(key);
			if (earlier.isPresent()) {
				return earlier.get().fingerprint().equals(fingerprint)
						? new SubmissionResult.Accepted(earlier.get().alertId(), earlier.get().revision(), true)
						: new SubmissionResult.KeyReused(idempotencyKey, earlier.get().alertId());
			}
			return publish(request, desk, new AlertPublisher.RequestIdentity(key, fingerprint));
		}
		finally {
			lock.unlock();
		}
	}

	private SubmissionResult publish(NewAlert request, DeskUser desk, AlertPublisher.RequestIdentity identity) {
		Alert alert = NewAlertMapper.toAlert(request, UUID.randomUUID(), 1, MessageType.ALERT,
				new NewAlertMapper.Sender(this.node.id(), desk.desk(), this.clock.instant()));
		this.publisher.publish(alert, identity);
		this.sentAlerts.sent(alert, (identity != null) ? new IdempotentRequest(identity.idempotencyKey(),
				identity.fingerprint(), alert.getAlertId(), alert.getRevision()) : null);
		return new SubmissionResult.Accepted(alert.getAlertId(), alert.getRevision(), false);
	}

	private String fingerprint(NewAlert request) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(this.json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
