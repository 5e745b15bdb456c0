package mekong.exchange.producer.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.metrics.CounterFamily;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.security.Desk;
import mekong.exchange.boot.signing.SigningProperties;
import mekong.exchange.core.ids.OriginIds;
import mekong.exchange.producer.publish.AlertPublisher.RequestIdentity;
import mekong.exchange.producer.publish.AlertPublisher;
import mekong.exchange.producer.tracking.SentAlerts;
import mekong.exchange.producer.tracking.SentHeads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Files desk alerts and their revisions, up to {@code mekong.limits.revisions-per-alert}
 * revisions per alert. A request with an {@code Idempotency-Key} is published at most
 * once per desk and key, also when the desk retries after a timeout, concurrently, on
 * another instance, or after the node restarted: a new alert's id is derived from the
 * node's secret, the desk's user and the key, so a retry names the same alert (and no
 * partner can predict it, {@link OriginIds}), and the key travels with the record into
 * the sender view, which remembers it for as long as it keeps the alert. Revisions of one
 * alert are numbered one after the other, only for alerts this node sent, and only by the
 * desk that filed the alert. An answer returns once the sender view holds the revision,
 * so the desk reads what it sent.
 */
@Service
class DeskSubmissions {

	private static final Logger log = LoggerFactory.getLogger(DeskSubmissions.class);

	private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

	private final AlertPublisher publisher;

	private final SentAlerts sentAlerts;

	private final NodeProperties node;

	private final Clock clock;

	private final JsonMapper json;

	private final CounterFamily published;

	private final LimitProperties limits;

	private final OriginIds ids;

	/**
	 * Requests for the same alert wait for each other; a fixed set needs no clean-up.
	 */
	private final ReentrantLock[] locks = IntStream.range(0, 64)
		.mapToObj((stripe) -> new ReentrantLock())
		.toArray(ReentrantLock[]::new);

	DeskSubmissions(AlertPublisher publisher, SentAlerts sentAlerts, NodeProperties node, Clock clock, JsonMapper json,
			MeterRegistry meters, LimitProperties limits, SigningProperties signing) {
		this.limits = limits;
		this.ids = new OriginIds(node.id(), signing.privateKey().getBytes(StandardCharsets.UTF_8));
		this.publisher = publisher;
		this.sentAlerts = sentAlerts;
		this.node = node;
		this.clock = clock;
		this.json = json;
		this.published = new CounterFamily(meters, "exchange.alerts.published",
				"Alert revisions the node's desks filed", "category", "priority", "type");
	}

	/**
	 * The id of the alert a new-alert request files: derived from the desk and its
	 * {@code Idempotency-Key} if it sent one, so that a retry names the same alert on any
	 * instance; else a new one.
	 */
	UUID alertIdFor(Desk desk, String idempotencyKey) {
		return (idempotencyKey != null) ? alertIdOf(keyOf(desk, idempotencyKey)) : this.ids.random();
	}

	/**
	 * Files a new alert as {@code alertId}, which {@link #alertIdFor} gave for this desk
	 * and key.
	 */
	SubmissionResult submit(UUID alertId, NewAlert request, Desk desk, String idempotencyKey) {
		if (idempotencyKey == null) {
			return publish(NewAlertMapper.toAlert(request, alertId, 1, MessageType.ALERT, null, sender(desk.desk())),
					desk, null);
		}
		RequestIdentity identity = identity(desk, idempotencyKey, request);
		return locked(alertId, () -> {
			Optional<SentHead> earlier = this.sentAlerts.head(alertId);
			if (earlier.isPresent()) {
				return SentHeads.erased(earlier.get())
						? new SubmissionResult.Erased(alertId, earlier.get().getErasedAt())
						: replay(alertId, identity, idempotencyKey);
			}
			return publish(NewAlertMapper.toAlert(request, alertId, 1, MessageType.ALERT, null, sender(desk.desk())),
					desk, identity);
		});
	}

	SubmissionResult revise(UUID alertId, NewRevision request, Desk desk, String idempotencyKey) {
		RequestIdentity identity = (idempotencyKey != null)
				? identity(desk, idempotencyKey, new RevisionOf(alertId, request)) : null;
		return locked(alertId, () -> {
			Optional<SentHead> sent = this.sentAlerts.head(alertId);
			if (sent.isEmpty()) {
				return new SubmissionResult.UnknownAlert(alertId);
			}
			SentHead head = sent.get();
			if (SentHeads.erased(head)) {
				return new SubmissionResult.Erased(alertId, head.getErasedAt());
			}
			if (identity != null) {
				if (this.sentAlerts.request(alertId, identity.idempotencyKey()).isPresent()) {
					return replay(alertId, identity, idempotencyKey);
				}
				UUID filedWithKey = alertIdOf(identity.idempotencyKey());
				if (this.sentAlerts.head(filedWithKey).isPresent()) {
					return new SubmissionResult.KeyReused(idempotencyKey, filedWithKey);
				}
			}
			Optional<Alert> latest = this.sentAlerts.latestOf(alertId);
			String filingDesk = latest.map((sentLast) -> sentLast.getOrigin().getDeskId()).orElse(desk.desk());
			if (!filingDesk.equals(desk.desk()) && !desk.supervisor()) {
				return new SubmissionResult.NotTheFilingDesk(alertId, filingDesk);
			}
			if (SentHeads.cancelled(head)) {
				return new SubmissionResult.AlreadyCancelled(alertId, head.getRevision());
			}
			int revision = head.getRevision() + 1;
			if (revision > this.limits.revisionsPerAlert()) {
				return new SubmissionResult.TooManyRevisions(alertId, this.limits.revisionsPerAlert());
			}
			Alert revised = (request.messageType() == MessageType.UPDATE)
					? NewAlertMapper.toAlert(request.alert(), alertId, revision, MessageType.UPDATE,
							request.revisionNote(), sender(filingDesk))
					: NewAlertMapper.cancel(latest.orElseThrow(), revision, request.officer(), request.revisionNote(),
							sender(filingDesk));
			return publish(revised, desk, identity);
		});
	}

	/**
	 * The answer to a request that carries a key one of the alert's revisions came from.
	 */
	private SubmissionResult replay(UUID alertId, RequestIdentity identity, String idempotencyKey) {
		return this.sentAlerts.request(alertId, identity.idempotencyKey())
			.filter((request) -> request.getFingerprint().equals(identity.fingerprint()))
			.<SubmissionResult>map((request) -> new SubmissionResult.Accepted(alertId, request.getRevision(), true))
			.orElseGet(() -> new SubmissionResult.KeyReused(idempotencyKey, alertId));
	}

	private RequestIdentity identity(Desk desk, String idempotencyKey, Object request) {
		return new RequestIdentity(keyOf(desk, idempotencyKey), fingerprint(request));
	}

	private static String keyOf(Desk desk, String idempotencyKey) {
		return desk.username() + ":" + idempotencyKey;
	}

	/** The id of the alert a new-alert request with this key files, on any instance. */
	private UUID alertIdOf(String key) {
		return this.ids.derived(key);
	}

	private SubmissionResult publish(Alert alert, Desk desk, RequestIdentity identity) {
		this.publisher.publish(alert, desk.username(), identity);
		this.published.increment(alert.getCategory().name(), alert.getPriority().name(), alert.getMessageType().name());
		if (!this.sentAlerts.awaitRevision(alert.getAlertId(), alert.getRevision(), VISIBLE_WITHIN)) {
			log.warn("Alert {} revision {} was written but is not in the sender view after {}", alert.getAlertId(),
					alert.getRevision(), VISIBLE_WITHIN);
		}
		return new SubmissionResult.Accepted(alert.getAlertId(), alert.getRevision(), false);
	}

	/**
	 * Who sends a revision: {@code desk}, which is the desk that filed the alert, also
	 * when a supervisor revises it (the login that did is on the record with the
	 * revision).
	 */
	private NewAlertMapper.Sender sender(String desk) {
		return new NewAlertMapper.Sender(this.node.id(), desk, this.clock.instant());
	}

	private SubmissionResult locked(UUID alertId, Supplier<SubmissionResult> work) {
		ReentrantLock lock = this.locks[Math.floorMod(alertId.hashCode(), this.locks.length)];
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
