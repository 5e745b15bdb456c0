package mekong.exchange.consumer.acks;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.consumer.dlq.RejectedRecordException;
import mekong.exchange.consumer.dlq.RejectedRecords;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Records in the node's audit topic what its acks topic tells about its alerts: routed or
 * denied by its router, received and answered at each addressee. Each acknowledgement is
 * read and its audit event written in one Kafka transaction, so each is recorded once.
 */
@Component
class AcksAuditor {

	private final KafkaOperations<String, Object> kafka;

	private final NodeId node;

	private final RejectedRecords rejected;

	AcksAuditor(KafkaOperations<String, Object> kafka, NodeProperties node, RejectedRecords rejected) {
		this.kafka = kafka;
		this.node = node.id();
		this.rejected = rejected;
	}

	@KafkaListener(id = "acks-auditor-${mekong.node.id}", groupId = "mekong-${mekong.node.id}-acks-auditor",
			topics = "#{@nodeTopics.acks}")
	void audit(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof Acknowledgement ack) {
			this.kafka.send(AuditEvents.toAuditOf(this.node, AuditEvents.acknowledged(ack, this.node.code())));
		}
		else {
			this.rejected.reject(record, new RejectedRecordException("NOT_AN_ACKNOWLEDGEMENT",
					"A record of " + record.topic() + " holds a " + record.value().getClass().getSimpleName()));
		}
	}

}
