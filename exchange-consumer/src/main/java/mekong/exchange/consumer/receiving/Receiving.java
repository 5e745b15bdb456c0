package mekong.exchange.consumer.receiving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.retention.RetentionProperties;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.TaskUpkeep;
import mekong.exchange.boot.streams.UpkeepStep;
import mekong.exchange.consumer.inbox.InboxStores;
import mekong.exchange.consumer.inbox.InboxView;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingRules;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiving side's tasks share: the node, its agreements and rules, its limits,
 * how long it remembers erased alerts, and the upkeep each task runs on the wall clock:
 * erasing what the node may no longer keep (on the wall clock, not on stream time:
 * retention is a matter of calendar days, and an inbox that receives nothing must still
 * forget), making committed changes visible to desks ({@link CommittedReads}), and
 * rebuilding the inbox's indexes when they may not match its stores.
 *
 * @param rememberErased how long the inbox remembers that an erased alert existed: as
 * long as a record of it can be read again from the inbox topic
 * ({@code mekong.topics.retention})
 * @param upkeep when the upkeep runs, and how long a step of it may last
 */
record Receiving(NodeId node, AgreementBook agreements, RoutingRules rules, LimitProperties limits,
		RetentionProperties retention, Duration rememberErased, CommittedReads committed, TaskUpkeep upkeep,
		Clock clock, MeterRegistry meters) {

	/** The sink that writes the node's audit topic. */
	static final String AUDIT_SINK = "audit";

	private static final Logger log = LoggerFactory.getLogger(Receiving.class);

	/** The sink that writes {@code origin}'s acks topic. */
	static String acksSink(String origin) {
		return "acks-" + origin;
	}

	InboxView view(InboxStores stores) {
		return new InboxView(stores, this.node, this.rememberErased, this.limits.answersPerAlertAndDesk());
	}

	/** Schedules the upkeep of the task of {@code context}. */
	void scheduleUpkeep(ProcessorContext<String, SpecificRecord> context, InboxView inbox) {
		context.schedule(this.retention.checkInterval(), PunctuationType.WALL_CLOCK_TIME, (timestamp) -> {
			Instant now = this.clock.instant();
			UpkeepStep step = this.upkeep.startStep();
			for (AuditEvent erased : inbox.erase(now, this.retention.erasedPerCheck(), step)) {
				context.forward(new Record<>(erased.getAlertId().toString(), erased, timestamp, new RecordHeaders()),
						AUDIT_SINK);
				log.debug("Alert {} from {} erased from the inbox", erased.getAlertId(), erased.getOrigin());
			}
		});
		this.upkeep.schedule(context, this.committed, inbox::rebuildIndexes);
	}

}
