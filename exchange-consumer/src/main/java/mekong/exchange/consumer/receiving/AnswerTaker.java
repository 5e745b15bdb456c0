package mekong.exchange.consumer.receiving;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.DeadLetterReason;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.consumer.inbox.DeskAckHeaders;
import mekong.exchange.consumer.inbox.InboxStores;
import mekong.exchange.consumer.inbox.InboxView;
import mekong.exchange.core.audit.AuditEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Takes the answers the node's desks give through its {@code desk-acks} topic: each is
 * kept with its inbox entry (at most {@code mekong.limits.answers-per-alert-and-desk} per
 * desk), sent to the origin's acks topic, signed, and recorded in the node's audit topic,
 * in the task's transaction.
 */
final class AnswerTaker implements Processor<String, Acknowledgement, String, SpecificRecord> {

	private final Receiving receiving;

	private ProcessorContext<String, SpecificRecord> context;

	private final TaskIndexes rebuilds;

	private InboxView inbox;

	AnswerTaker(Receiving receiving, TaskIndexes rebuilds) {
		this.receiving = receiving;
		this.rebuilds = rebuilds;
	}

	@Override
	public void init(ProcessorContext<String, SpecificRecord> context) {
		this.context = context;
		this.inbox = null;
	}

	@Override
	public void process(Record<String, Acknowledgement> record) {
		if (this.inbox == null) {
			this.inbox = this.receiving.view(InboxStores.of(this.context, this.rebuilds, TaskIndexes.Holder.SHARER));
		}
		this.inbox.checkIndexes();
		Acknowledgement ack = record.value();
		AlertIds.requireKey(record.key(), ack.getAlertId());
		Header desk = record.headers().lastHeader(DeskAckHeaders.DESK);
		if (desk == null) {
			throw new RejectedRecordException(DeadLetterReason.ANSWER_WITHOUT_DESK,
					"An answer to alert " + ack.getAlertId() + " does not say which desk gave it");
		}
		InboxHead held = this.inbox.head(ack.getAlertId());
		if (held == null || held.getErasedAt() != null) {
			throw new RejectedRecordException(DeadLetterReason.ANSWER_FOR_UNKNOWN_ALERT,
					"An answer to alert " + ack.getAlertId() + ", which the inbox does not keep");
		}
		this.inbox.answer(held, ack, new String(desk.value(), UTF_8));
		long at = record.timestamp();
		this.context.forward(new Record<>(record.key(), ack, at, new RecordHeaders()),
				Receiving.acksSink(held.getOrigin()));
		AuditEvent answered = AuditEvents.acknowledged(ack, held.getOrigin());
		answered.setUser(userOf(ack, record.headers().lastHeader(DeskAckHeaders.USER)));
		this.context.forward(new Record<>(record.key(), answered, at, new RecordHeaders()), Receiving.AUDIT_SINK);
	}

	/**
	 * The login that gave {@code ack}: the answer names it, or, written before December
	 * 2026, its {@code header}.
	 */
	private static String userOf(Acknowledgement ack, Header header) {
		if (ack.getUser() != null) {
			return ack.getUser();
		}
		return (header != null) ? new String(header.value(), UTF_8) : null;
	}

}
