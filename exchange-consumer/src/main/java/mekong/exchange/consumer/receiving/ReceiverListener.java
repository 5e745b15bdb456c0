package mekong.exchange.consumer.receiving;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.consumer.acks.Acknowledgements;
import mekong.exchange.consumer.dlq.RejectedRecordException;
import mekong.exchange.consumer.dlq.ListenerBatches;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.dedup.Receipt;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.text.LogSafe;
import mekong.exchange.core.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Receives partners' alerts from the node's inbox, exactly once per revision: a revision
 * is taken only if it is newer than the one held; taking it writes it to the node's
 * {@code received} topic (the durable dedup state and inbox) and a RECEIVED
 * acknowledgement to the origin, in one Kafka transaction with the inbox offsets of all
 * the revisions of one poll. Duplicates and stale revisions are skipped. Alerts from
 * nodes this node has no agreement with go to the dead-letter topic.
 */
@Component
class ReceiverListener {

	private static final Logger log = LoggerFactory.getLogger(ReceiverListener.class);

	private final ReceivedAlerts inbox;

	private final AgreementBook agreements;

	private final KafkaOperations<String, Object> kafka;

	private final NodeId node;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ListenerBatches batches;

	ReceiverListener(ReceivedAlerts inbox, AgreementBook agreements, KafkaOperations<String, Object> kafka,
			NodeProperties node, Clock clock, MeterRegistry meters, ListenerBatches batches) {
		this.inbox = inbox;
		this.agreements = agreements;
		this.kafka = kafka;
		this.node = node.id();
		this.clock = clock;
		this.meters = meters;
		this.batches = batches;
	}

	@KafkaListener(id = "receiver-${mekong.node.id}", groupId = "mekong-${mekong.node.id}-receiver",
			topics = "#{@nodeTopics.inbox}", batch = "true")
	void receive(List<ConsumerRecord<String, Alert>> records) {
		HeldBeforeBatch heldBefore = new HeldBeforeBatch();
		TransactionSynchronizationManager.registerSynchronization(heldBefore);
		this.batches.process(records, (record) -> {
			checkOrigin(record);
			receiveFromPartner(record.value(), heldBefore);
		});
	}

	private void receiveFromPartner(Alert alert, HeldBeforeBatch heldBefore) {
		Receipt receipt = this.inbox.judge(alert);
		if (receipt instanceof Receipt.Take) {
			take(alert, heldBefore);
		}
		else if (receipt instanceof Receipt.Duplicate) {
			count("exchange.alerts.duplicates", alert, "duplicate");
			log.info("Alert {} revision {} from {} already received; skipped", LogSafe.text(alert.getAlertId()),
					alert.getRevision(), alert.getOrigin().getNodeId());
		}
		else if (receipt instanceof Receipt.Stale stale) {
			count("exchange.alerts.duplicates", alert, "stale");
			log.warn("Alert {} revision {} from {} is older than revision {} already received; skipped",
					LogSafe.text(alert.getAlertId()), alert.getRevision(), alert.getOrigin().getNodeId(),
					stale.newest());
		}
		else if (receipt instanceof Receipt.NotFromOrigin foreign) {
			throw new RejectedRecordException("REVISION_NOT_FROM_ORIGIN",
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " claims origin "
							+ foreign.claimed() + ", but the alert was opened by " + foreign.origin()
							+ ": only the origin revises an alert");
		}
		else {
			throw new IllegalStateException("Unhandled receipt " + receipt);
		}
	}

	private void take(Alert alert, HeldBeforeBatch heldBefore) {
		Instant now = this.clock.instant();
		this.kafka.send(new ProducerRecord<>(Topics.received(this.node).name(), alert.getAlertId().toString(), alert));
		Acknowledgement receipt = Acknowledgements.received(alert, this.node, now);
		this.kafka.send(Acknowledgements.toOrigin(alert, receipt));
		this.kafka
			.send(AuditEvents.toAuditOf(this.node, AuditEvents.acknowledged(receipt, alert.getOrigin().getNodeId())));
		heldBefore.remember(alert.getAlertId());
		this.inbox.take(alert, now);
		count("exchange.alerts.received", alert, null);
		log.info("Alert {} revision {} ({}) from {} received", LogSafe.text(alert.getAlertId()), alert.getRevision(),
				alert.getMessageType(), alert.getOrigin().getNodeId());
	}

	private void count(String meter, Alert alert, String kind) {
		Counter.builder(meter)
			.tag("origin", alert.getOrigin().getNodeId())
			.tag("category", alert.getCategory().name())
			.tag("priority", alert.getPriority().name())
			.tags((kind != null) ? Tags.of("kind", kind) : Tags.empty())
			.register(this.meters)
			.increment();
	}

	private void checkOrigin(ConsumerRecord<String, Alert> record) {
		Alert alert = record.value();
		if (!alert.getAlertId().toString().equals(record.key())) {
			throw new RejectedRecordException("KEY_NOT_ALERT_ID",
					"Record key " + record.key() + " is not the alert id " + alert.getAlertId());
		}
		String origin = alert.getOrigin().getNodeId();
		if (!NodeId.isValid(origin) || !this.agreements.partnersOf(this.node).contains(NodeId.of(origin))) {
			throw new RejectedRecordException("UNKNOWN_ORIGIN", "Alert " + alert.getAlertId() + " comes from " + origin
					+ ", with which " + this.node + " has no agreement");
		}
	}

	/**
	 * What the inbox held of each alert before the batch took a revision of it, put back
	 * if the batch's transaction rolls back. A batch can take several revisions of one
	 * alert; the state before the first is the one to go back to.
	 */
	private final class HeldBeforeBatch implements TransactionSynchronization {

		private final Map<UUID, InboxEntry> held = new HashMap<>();

		void remember(UUID alertId) {
			if (!this.held.containsKey(alertId)) {
				this.held.put(alertId, ReceiverListener.this.inbox.find(alertId).orElse(null));
			}
		}

		@Override
		public void afterCompletion(int status) {
			if (status != STATUS_COMMITTED) {
				this.held.forEach(ReceiverListener.this.inbox::restore);
			}
		}

	}

}
