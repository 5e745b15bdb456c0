package mekong.exchange.producer.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.agreements.RoutingFacts;
import mekong.exchange.boot.metrics.CounterFamily;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.DeadLetterReason;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.AlertFacts;
import mekong.exchange.core.routing.DenialReason;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.producer.publish.OutboxHeaders;
import mekong.exchange.producer.tracking.SentHeads;
import mekong.exchange.producer.tracking.SentStores;
import mekong.exchange.producer.tracking.SentView;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Routes one revision of the node's outbox: one decision per addressee, taken with what
 * the sender view holds of the alert (a withdrawal follows earlier revisions; a revision
 * already routed is not routed again); a routed revision goes to the partner's inbox, and
 * every decision is recorded in the sender view and the node's audit topic, in the task's
 * transaction with the outbox offset: a crash delivers everything or nothing, never
 * twice. A partner whose inbox cannot be written is refused with the reason
 * {@code INBOX_NOT_WRITABLE}, and the others get their delivery.
 */
public final class Router implements Processor<String, Alert, String, SpecificRecord> {

	private static final Logger log = LoggerFactory.getLogger(Router.class);

	private final RoutingRules rules;

	private final PartnerInboxCheck inboxes;

	private final Sending sending;

	private final Clock clock;

	private final CounterFamily routed;

	private final CounterFamily denied;

	private ProcessorContext<String, SpecificRecord> context;

	private final TaskIndexes rebuilds;

	private SentStores stores;

	private SentView view;

	public Router(RoutingRules rules, PartnerInboxCheck inboxes, Sending sending, Clock clock, TaskIndexes rebuilds) {
		this.rules = rules;
		this.rebuilds = rebuilds;
		this.inboxes = inboxes;
		this.sending = sending;
		this.clock = clock;
		this.routed = new CounterFamily(sending.meters(), "exchange.alerts.routed",
				"Alert revisions the router delivered to a partner's inbox", "partner", "category", "priority");
		this.denied = new CounterFamily(sending.meters(), "exchange.alerts.denied",
				"Alert revisions the router refused to deliver to a partner", "partner", "category", "priority",
				"reason");
	}

	/** The sink that writes to {@code partner}'s inbox. */
	public static String inboxSink(NodeId partner) {
		return "inbox-" + partner.code();
	}

	@Override
	public void init(ProcessorContext<String, SpecificRecord> context) {
		this.context = context;
		this.stores = SentStores.of(context, this.rebuilds, TaskIndexes.Holder.UPKEEP);
		this.view = this.sending.view(this.stores);
		this.sending.scheduleUpkeep(context, this.view);
	}

	@Override
	public void close() {
		this.stores.close(this.context, this.rebuilds);
	}

	@Override
	public void process(Record<String, Alert> record) {
		this.view.checkIndexes();
		Alert alert = record.value();
		AlertIds.requireKey(record.key(), alert.getAlertId());
		NodeId node = this.sending.node();
		if (!node.code().equals(alert.getOrigin().getNodeId())) {
			throw new RejectedRecordException(DeadLetterReason.FOREIGN_ORIGIN, "Alert " + alert.getAlertId()
					+ " in the outbox of " + node + " claims origin " + alert.getOrigin().getNodeId());
		}
		SentHead held = this.view.head(alert.getAlertId());
		if (held != null && !checkNewer(held, alert)) {
			return;
		}
		if (alert.getRevision() > this.sending.limits().revisionsPerAlert()) {
			throw new RejectedRecordException(DeadLetterReason.REVISION_LIMIT, "Alert " + alert.getAlertId()
					+ " revision " + alert.getRevision() + " is past mekong.limits.revisions-per-alert");
		}
		Instant now = this.clock.instant();
		AlertFacts facts = RoutingFacts.of(alert);
		List<RoutingDecision> decisions = new ArrayList<>();
		for (RoutingDecision decision : this.rules.decide(facts, now, SentHeads.deliveredUnder(held))) {
			if (decision instanceof Routed to) {
				String why = this.inboxes.whyNotWritable(to.to());
				decisions.add((why != null) ? new Denied(to.to(), DenialReason.INBOX_NOT_WRITABLE, why) : decision);
			}
			else {
				decisions.add(decision);
			}
		}
		// The view first: a revision it cannot record goes to the dead-letter topic
		// before anything leaves the node.
		List<AuditEvent> audit = this.view.record(alert, decisions,
				text(record.headers(), OutboxHeaders.IDEMPOTENCY_KEY),
				text(record.headers(), OutboxHeaders.REQUEST_FINGERPRINT), text(record.headers(), OutboxHeaders.USER),
				now);
		for (RoutingDecision decision : decisions) {
			if (decision instanceof Routed to) {
				this.context.forward(new Record<>(record.key(), alert, record.timestamp(), new RecordHeaders()),
						inboxSink(to.to()));
				this.routed.increment(to.to().code(), alert.getCategory().name(), alert.getPriority().name());
				log.debug("Alert {} revision {} ({}) routed to {} under {}", alert.getAlertId(), alert.getRevision(),
						alert.getMessageType(), to.to(), to.under());
			}
			else if (decision instanceof Denied refused) {
				this.denied.increment(refused.to().code(), alert.getCategory().name(), alert.getPriority().name(),
						refused.reason().name());
				log.debug("Alert {} revision {} denied to {}: {} - {}", alert.getAlertId(), alert.getRevision(),
						refused.to(), refused.reason(), refused.detail());
			}
			else {
				this.denied.increment(node.code(), alert.getCategory().name(), alert.getPriority().name(),
						SentView.UNROUTABLE);
				log.debug("Alert {} revision {} unroutable: {}", alert.getAlertId(), alert.getRevision(), decision);
			}
		}
		audit.forEach((event) -> this.context
			.forward(new Record<>(record.key(), event, record.timestamp(), new RecordHeaders()), SentView.AUDIT_SINK));
	}

	/**
	 * Whether {@code alert} is a revision to route, given what the view holds of it: a
	 * revision already routed (a replay) is skipped; one of an erased or cancelled alert
	 * is rejected.
	 */
	private boolean checkNewer(SentHead held, Alert alert) {
		if (SentHeads.erased(held)) {
			throw new RejectedRecordException(DeadLetterReason.ALERT_ERASED,
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision()
							+ " revises an alert this node erased at " + held.getErasedAt());
		}
		if (alert.getRevision() <= held.getRevision()) {
			RevisionSummary routed = this.view.revision(alert.getAlertId(), alert.getRevision());
			if (routed == null || !routed.getSentAt().equals(alert.getSentAt())) {
				throw new RejectedRecordException(DeadLetterReason.REVISION_REUSED,
						"Alert " + alert.getAlertId() + " revision " + alert.getRevision()
								+ " is not the revision of that number the node sent (the alert is at revision "
								+ held.getRevision() + ")");
			}
			log.debug("Alert {} revision {} already routed (revision {} is); skipped", alert.getAlertId(),
					alert.getRevision(), held.getRevision());
			return false;
		}
		if (SentHeads.cancelled(held)) {
			throw new RejectedRecordException(DeadLetterReason.ALERT_CANCELLED,
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision()
							+ " revises an alert cancelled in revision " + held.getRevision());
		}
		return true;
	}

	/**
	 * The request key or fingerprint the desk gateway put on the outbox record; the
	 * headers stay home, partners get a record of their own.
	 */
	private static String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), UTF_8) : null;
	}

}
