package mekong.exchange.consumer.acks;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.boot.streams.ContractValues;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Records in the node's audit topic what its acks topic tells about its alerts: routed or
 * denied by its router, received and answered at each addressee. Each acknowledgement's
 * audit event commits with its offset, so each is recorded once.
 */
final class AcksAuditor implements FixedKeyProcessor<String, Object, Outgoing> {

	private final NodeId node;

	private FixedKeyProcessorContext<String, Outgoing> context;

	AcksAuditor(NodeId node) {
		this.node = node;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, Outgoing> context) {
		this.context = context;
	}

	@Override
	public void process(FixedKeyRecord<String, Object> record) {
		Acknowledgement ack = ContractValues.require(record.value(), Acknowledgement.class,
				Topics.acks(this.node).name());
		this.context.forward(record
			.withValue(new Outgoing(Topics.audit(this.node).name(), AuditEvents.acknowledged(ack, this.node.code()))));
	}

}
