package mekong.exchange.consumer.acks;

import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.consumer.dlq.RejectedRecordException;
import mekong.exchange.consumer.dlq.ListenerBatches;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Records in the node's audit topic what its acks topic tells about its alerts: routed or
 * denied by its router, received and answered at each addressee. Each acknowledgement is
 * read and its audit event written in one Kafka transaction (one per poll), so each is
 * recorded once.
 */
@Component
class AcksAuditor {

	private final KafkaOperations<String, Object> kafka;

	private final NodeId node;

	private final ListenerBatches batches;

	AcksAuditor(KafkaOperations<String, Object> kafka, NodeProperties node, ListenerBatches batches) {
		this.kafka = kafka;
		this.node = node.id();
		this.batches = batches;
	}

	@KafkaListener(id = "acks-auditor-${mekong.node.id}", groupId = "mekong-${mekong.node.id}-acks-auditor",
			topics = "#{@nodeTopics.acks}", batch = "true")
	void audit(List<ConsumerRecord<String, Object>> records) {
		this.batches.process(records, this::audit);
	}

	private void audit(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof Acknowledgement ack) {
			this.kafka.send(AuditEvents.toAuditOf(this.node, AuditEvents.acknowledged(ack, this.node.code())));
		}
		else {
			throw new RejectedRecordException("NOT_AN_ACKNOWLEDGEMENT",
					"A record of " + record.topic() + " holds a " + record.value().getClass().getSimpleName());
		}
	}

}
