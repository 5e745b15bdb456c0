package mekong.exchange.consumer.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Which partners' inboxes this node can write: the topic exists and the node's principal
 * may write it. The router refuses delivery to the others at once, with a reason the
 * sender sees, instead of blocking on a topic it cannot write and holding up the delivery
 * of every alert to every other partner. Looked at when the node starts, then every
 * {@code mekong.routing.inbox-check-interval}; a question Kafka does not answer changes
 * nothing.
 */
@Component
class PartnerInboxes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PartnerInboxes.class);

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

	private static final long LOOKS_APART_MILLIS = 100;

	private final Admin admin;

	private final Set<NodeId> partners;

	private final Map<NodeId, String> unwritable = new ConcurrentHashMap<>();

	/** When the last look began, in epoch milliseconds. */
	private long lastLookAt;

	private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "partner-inbox-checks");
		thread.setDaemon(true);
		return thread;
	});

	PartnerInboxes(KafkaAdmin kafka, AgreementBook agreements, NodeProperties node, RoutingProperties routing) {
		this.admin = Admin.create(kafka.getConfigurationProperties());
		this.partners = agreements.partnersOf(node.id());
		check();
		long interval = routing.inboxCheckInterval().toMillis();
		this.checks.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Why the router cannot deliver to {@code partner} a record written at
	 * {@code writtenAt} (epoch milliseconds), or null if it can. A refusal rests on a
	 * look that began after the record was written: an inbox created in between (a
	 * partner node that started after this one) is written to. Such looks are at least
	 * {@value #LOOKS_APART_MILLIS} ms apart; the records that wait for one are all
	 * answered by it.
	 */
	String whyNotWritable(NodeId partner, long writtenAt) {
		return (this.unwritable.get(partner) != null) ? lookedAtAfter(partner, writtenAt) : null;
	}

	private synchronized String lookedAtAfter(NodeId partner, long writtenAt) {
		if (this.lastLookAt >= writtenAt) {
			return this.unwritable.get(partner);
		}
		long early = this.lastLookAt + LOOKS_APART_MILLIS - System.currentTimeMillis();
		if (early > 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(early));
		}
		check();
		return this.unwritable.get(partner);
	}

	synchronized void check() {
		this.lastLookAt = System.currentTimeMillis();
		if (this.partners.isEmpty()) {
			return;
		}
		Map<String, KafkaFuture<TopicDescription>> descriptions = this.admin
			.describeTopics(this.partners.stream().map((partner) -> Topics.inbox(partner).name()).toList(),
					new DescribeTopicsOptions().includeAuthorizedOperations(true))
			.topicNameValues();
		long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
		for (NodeId partner : this.partners) {
			String inbox = Topics.inbox(partner).name();
			String reason;
			try {
				Set<AclOperation> allowed = descriptions.get(inbox)
					.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
					.authorizedOperations();
				reason = (allowed == null || allowed.contains(AclOperation.WRITE) || allowed.contains(AclOperation.ALL))
						? null : inbox + " may not be written by this node";
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					reason = inbox + " does not exist";
				}
				else if (ex.getCause() instanceof TopicAuthorizationException) {
					reason = inbox + " may not be written by this node";
				}
				else {
					log.warn("Could not tell whether {} can be written; keeping what was known: {}", inbox,
							ex.getCause().toString());
					continue;
				}
			}
			catch (TimeoutException ex) {
				log.warn("Kafka did not say in time whether {} can be written; keeping what was known", inbox);
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			record(partner, reason);
		}
	}

	private void record(NodeId partner, String reason) {
		String before = (reason != null) ? this.unwritable.put(partner, reason) : this.unwritable.remove(partner);
		if (reason != null && !reason.equals(before)) {
			log.warn("Alerts for {} are refused until its inbox can be written: {}", partner, reason);
		}
		else if (reason == null && before != null) {
			log.info("The inbox of {} can be written again: alerts for it are delivered", partner);
		}
	}

	@Override
	public void destroy() {
		this.checks.shutdownNow();
		this.admin.close();
	}

}
