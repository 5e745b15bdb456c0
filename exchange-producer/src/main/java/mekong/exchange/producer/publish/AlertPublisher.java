package mekong.exchange.producer.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import mekong.exchange.avro.Alert;
import mekong.exchange.boot.kafka.ConfirmedWrites;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Writes alert revisions to the node's outbox, in a Kafka transaction, and returns only
 * once Kafka has them on all in-sync replicas, so a desk that got an answer knows its
 * alert is safe. The router records it in the audit topic as it routes it.
 */
@Component
public class AlertPublisher {

	private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

	private static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTemplate<String, Object> kafka;

	private final Topic<String, Alert> outbox;

	AlertPublisher(KafkaTemplate<String, Object> kafka, NodeProperties node) {
		this.kafka = kafka;
		this.outbox = Topics.outbox(node.id());
	}

	/**
	 * A request's identity travelling with the record, so retries are recognised after a
	 * restart.
	 */
	public record RequestIdentity(String idempotencyKey, String fingerprint) {
	}

	/**
	 * Writes {@code alert} to the outbox, with the login of the desk that sent it
	 * ({@code user}) and the request it came from, if it carried a key.
	 */
	public void publish(Alert alert, String user, RequestIdentity request) {
		ProducerRecord<String, Object> record = new ProducerRecord<>(this.outbox.name(), alert.getAlertId().toString(),
				alert);
		record.headers().add(OutboxHeaders.USER, user.getBytes(StandardCharsets.UTF_8));
		if (request != null) {
			record.headers()
				.add(OutboxHeaders.IDEMPOTENCY_KEY, request.idempotencyKey().getBytes(StandardCharsets.UTF_8))
				.add(OutboxHeaders.REQUEST_FINGERPRINT, request.fingerprint().getBytes(StandardCharsets.UTF_8));
		}
		SendResult<String, Object> sent = ConfirmedWrites.write(this.kafka, record, CONFIRMATION_TIMEOUT,
				"alert " + alert.getAlertId() + " revision " + alert.getRevision());
		log.info("Alert {} revision {} published to {}-{}@{}", alert.getAlertId(), alert.getRevision(),
				sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition(),
				sent.getRecordMetadata().offset());
	}

}
