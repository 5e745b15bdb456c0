package mekong.exchange.producer.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.metrics.CounterFamily;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.core.audit.AuditEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the acknowledgements addressees write to the node's acks topic, the one reader of
 * that topic: each goes into the sender view and the node's audit topic, in the task's
 * transaction; one that does not prove itself (an alert the node never sent, a revision
 * never delivered to that addressee) goes to the dead-letter topic. Measures the time
 * from sending a revision to its acceptance ({@code exchange_ack_latency_seconds}).
 */
public final class AckTaker implements Processor<String, Acknowledgement, String, SpecificRecord> {

	private static final Logger log = LoggerFactory.getLogger(AckTaker.class);

	private final SentViewSettings settings;

	private final MeterRegistry meters;

	private final Instant startedAt;

	private final CounterFamily late;

	private final Map<List<String>, Timer> acceptance = new ConcurrentHashMap<>();

	private ProcessorContext<String, SpecificRecord> context;

	private final TaskIndexes rebuilds;

	private SentView view;

	/**
	 * @param startedAt acceptances from before this instant are history read again, not
	 * measured again
	 * @param rebuilds the indexes the router of each task opened
	 */
	public AckTaker(SentViewSettings settings, MeterRegistry meters, Instant startedAt, TaskIndexes rebuilds) {
		this.settings = settings;
		this.rebuilds = rebuilds;
		this.meters = meters;
		this.startedAt = startedAt;
		this.late = new CounterFamily(meters, "exchange.acks.late",
				"Acknowledgements of alerts the node had already erased", "partner");
	}

	@Override
	public void init(ProcessorContext<String, SpecificRecord> context) {
		this.context = context;
		this.view = null;
	}

	@Override
	public void process(Record<String, Acknowledgement> record) {
		if (this.view == null) {
			this.view = this.settings.view(SentStores.of(this.context, this.rebuilds, TaskIndexes.Holder.SHARER));
		}
		this.view.checkIndexes();
		Acknowledgement ack = record.value();
		AlertIds.requireKey(record.key(), ack.getAlertId());
		SentView.Taken taken = this.view.take(ack);
		if (taken == null) {
			this.late.increment(ack.getRecipientNode());
			log.debug("{} acknowledgement from {} of alert {}, which this node erased; skipped", ack.getStatus(),
					ack.getRecipientNode(), ack.getAlertId());
			return;
		}
		this.context.forward(new Record<>(record.key(), AuditEvents.acknowledged(ack, this.settings.node().code()),
				record.timestamp(), new RecordHeaders()), SentView.AUDIT_SINK);
		measureAcceptance(taken.head(), ack, taken.revisionSentAt());
	}

	private void measureAcceptance(SentHead head, Acknowledgement ack, Instant sentAt) {
		if (ack.getStatus() != AckStatus.ACCEPTED || ack.getAt().isBefore(this.startedAt) || sentAt == null) {
			return;
		}
		this.acceptance
			.computeIfAbsent(List.of(ack.getRecipientNode(), head.getPriority().name()),
					(tags) -> Timer.builder("exchange.ack.latency")
						.description("Time from sending a revision to its acceptance by an addressee's desk")
						.tag("partner", tags.get(0))
						.tag("priority", tags.get(1))
						.serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
								Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4))
						.publishPercentileHistogram()
						.minimumExpectedValue(Duration.ofSeconds(1))
						.maximumExpectedValue(Duration.ofHours(24))
						.register(this.meters))
			.record(Duration.between(sentAt, ack.getAt()));
	}

}
