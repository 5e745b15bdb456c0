package mekong.exchange.consumer.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.web.Desk;
import mekong.exchange.consumer.acks.Acknowledgements;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.text.LogSafe;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Service;

/**
 * Sends a desk's answer to the origin's acks topic, keeps a copy in the node's
 * {@code desk-acks} topic and records it in the node's audit topic, in one Kafka
 * transaction, and returns once Kafka confirmed it and the inbox view shows it.
 */
@Service
class DeskAnswers {

	private static final Logger log = LoggerFactory.getLogger(DeskAnswers.class);

	private static final Duration ANSWER_VISIBLE_WITHIN = Duration.ofSeconds(10);

	private final KafkaOperations<String, Object> kafka;

	private final InboxQueries inbox;

	private final NodeId node;

	private final Clock clock;

	DeskAnswers(KafkaOperations<String, Object> kafka, InboxQueries inbox, NodeProperties node, Clock clock) {
		this.kafka = kafka;
		this.inbox = inbox;
		this.node = node.id();
		this.clock = clock;
	}

	Acknowledgement answer(Alert alert, DeskAckRequest request, Desk desk) {
		Acknowledgement ack = Acknowledgements.fromDesk(alert, this.node, request.status(),
				desk.desk() + "/" + request.officer(), request.note(), this.clock.instant());
		try {
			this.kafka.executeInTransaction((operations) -> {
				operations.send(Acknowledgements.toOrigin(alert, ack));
				operations.send(
						AuditEvents.toAuditOf(this.node, AuditEvents.acknowledged(ack, alert.getOrigin().getNodeId())));
				return operations
					.send(new ProducerRecord<>(Topics.deskAcks(this.node).name(), alert.getAlertId().toString(), ack));
			}).get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new KafkaException("The answer to alert " + alert.getAlertId() + " was not written", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaException("Kafka did not confirm the answer to alert " + alert.getAlertId(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while answering alert " + alert.getAlertId(), ex);
		}
		if (!this.inbox.awaitAnswer(ack, ANSWER_VISIBLE_WITHIN)) {
			log.warn("The answer to alert {} was written but is not in the inbox view after {}", alert.getAlertId(),
					ANSWER_VISIBLE_WITHIN);
		}
		log.info("Alert {} revision {} {} by {}", alert.getAlertId(), alert.getRevision(), ack.getStatus(),
				LogSafe.text(ack.getBy()));
		return ack;
	}

}
