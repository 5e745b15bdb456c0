package mekong.exchange.consumer.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.boot.kafka.ConfirmedWrites;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.limits.LimitReachedException;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.security.Desk;
import mekong.exchange.core.acks.Acknowledgements;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.text.LogSafe;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Service;

/**
 * Hands a desk's answer to the receiving side through the node's {@code desk-acks} topic,
 * and returns once Kafka confirmed it and the inbox shows it, committed. The receiving
 * side keeps it with the entry, sends it to the origin and records it in the node's audit
 * topic, in one transaction. A desk gives at most
 * {@code mekong.limits.answers-per-alert-and-desk} answers to one alert.
 */
@Service
class DeskAnswers {

	private static final Logger log = LoggerFactory.getLogger(DeskAnswers.class);

	private static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration ANSWER_VISIBLE_WITHIN = Duration.ofSeconds(10);

	private final KafkaOperations<String, Object> kafka;

	private final InboxQueries inbox;

	private final NodeId node;

	private final Clock clock;

	private final int answersPerAlertAndDesk;

	DeskAnswers(KafkaOperations<String, Object> kafka, InboxQueries inbox, NodeProperties node, Clock clock,
			LimitProperties limits) {
		this.kafka = kafka;
		this.inbox = inbox;
		this.node = node.id();
		this.clock = clock;
		this.answersPerAlertAndDesk = limits.answersPerAlertAndDesk();
	}

	Acknowledgement answer(InboxEntry entry, DeskAckRequest request, Desk desk) {
		int given = this.inbox.answersBy(entry.head().getAlertId(), desk.desk());
		if (given >= this.answersPerAlertAndDesk) {
			throw new LimitReachedException("answers-per-alert-and-desk", this.answersPerAlertAndDesk,
					"Desk " + desk.desk() + " gave " + given + " answers to alert " + entry.head().getAlertId()
							+ ", the most one desk may give to one alert");
		}
		Acknowledgement ack = Acknowledgements.fromDesk(entry.alert(), this.node, request.status(),
				desk.desk() + "/" + request.officer(), desk.username(), request.note(), this.clock.instant());
		ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.deskAcks(this.node).name(),
				ack.getAlertId().toString(), ack);
		record.headers().add(DeskAckHeaders.DESK, desk.desk().getBytes(StandardCharsets.UTF_8));
		ConfirmedWrites.write(this.kafka, record, CONFIRMATION_TIMEOUT, "the answer to alert " + ack.getAlertId());
		if (!this.inbox.awaitAnswer(ack, entry.head().getAnswers(), ANSWER_VISIBLE_WITHIN)) {
			log.warn("The answer to alert {} was written but is not in the inbox after {}", ack.getAlertId(),
					ANSWER_VISIBLE_WITHIN);
		}
		log.info("Alert {} revision {} {} by {}", ack.getAlertId(), ack.getRevision(), ack.getStatus(),
				LogSafe.text(ack.getBy()));
		return ack;
	}

}
