package mekong.exchange.producer.routing;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.retention.RetentionProperties;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.TaskUpkeep;
import mekong.exchange.boot.streams.UpkeepStep;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.producer.escalation.Escalator;
import mekong.exchange.producer.tracking.SentStores;
import mekong.exchange.producer.tracking.SentView;
import mekong.exchange.producer.tracking.SentViewSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sending side's tasks share: the node, its limits, its sender view's settings,
 * and the upkeep each task runs on the wall clock: escalating what nobody accepted in
 * time, erasing what the node may no longer keep (on the wall clock, not on stream time:
 * retention is a matter of calendar days, and an outbox that receives nothing must still
 * forget), making committed changes visible to desks ({@link CommittedReads}), and
 * rebuilding the view's indexes when they may not match its stores.
 *
 * @param upkeep when the upkeep runs, and how long a step of it may last
 */
public record Sending(SentViewSettings view, LimitProperties limits, RetentionProperties retention, Escalator escalator,
		CommittedReads committed, TaskUpkeep upkeep, Clock clock, MeterRegistry meters) {

	private static final Logger log = LoggerFactory.getLogger(Sending.class);

	NodeId node() {
		return this.view.node();
	}

	SentView view(SentStores stores) {
		return this.view.view(stores);
	}

	/** Schedules the upkeep of the task of {@code context}. */
	void scheduleUpkeep(ProcessorContext<String, SpecificRecord> context, SentView sent) {
		context.schedule(this.escalator.checkInterval(), PunctuationType.WALL_CLOCK_TIME, (timestamp) -> this.escalator
			.escalateOverdue(sent, context, this.clock.instant(), timestamp, this.upkeep.startStep()));
		context.schedule(this.retention.checkInterval(), PunctuationType.WALL_CLOCK_TIME, (timestamp) -> {
			Instant now = this.clock.instant();
			UpkeepStep step = this.upkeep.startStep();
			for (AuditEvent erased : sent.erase(now, this.retention.erasedPerCheck(), step)) {
				context.forward(new Record<>(erased.getAlertId().toString(), erased, timestamp, new RecordHeaders()),
						SentView.AUDIT_SINK);
				log.debug("Alert {} erased from the sender view", erased.getAlertId());
			}
		});
		this.upkeep.schedule(context, this.committed, sent::rebuildIndexes);
	}

}
