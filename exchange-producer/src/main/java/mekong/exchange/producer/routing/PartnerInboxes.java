package mekong.exchange.producer.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import mekong.exchange.boot.agreements.RoutingProperties;
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
import org.springframework.core.task.TaskRejectedException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Which partners' inboxes this node can write: the topic exists and the node's principal
 * may write it. The router refuses delivery to the others at once, with a reason the
 * sender sees, instead of blocking on a topic it cannot write and holding up the delivery
 * of every alert to every other partner. Kafka is asked when the node starts, then every
 * {@code mekong.routing.inbox-check-interval}, and every second while a partner's inbox
 * cannot be written (a partner node that starts after this one is reached within a second
 * of creating its inbox), on the application's task scheduler; the router only reads the
 * last answer, so that no stream thread waits for Kafka's admin API. A question Kafka
 * does not answer changes nothing.
 */
@Component
public class PartnerInboxes implements PartnerInboxCheck, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PartnerInboxes.class);

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

	private static final Duration WHILE_REFUSING = Duration.ofSeconds(1);

	private final Admin admin;

	private final Set<NodeId> partners;

	private final Map<NodeId, String> unwritable = new ConcurrentHashMap<>();

	private final TaskScheduler scheduler;

	private final Duration interval;

	private volatile boolean closed;

	PartnerInboxes(KafkaAdmin kafka, AgreementBook agreements, NodeProperties node, RoutingProperties routing,
			TaskScheduler scheduler) {
		this.admin = Admin.create(kafka.getConfigurationProperties());
		this.partners = agreements.partnersOf(node.id());
		this.scheduler = scheduler;
		this.interval = routing.inboxCheckInterval();
		checkAndScheduleNext();
	}

	private void checkAndScheduleNext() {
		if (this.closed) {
			return;
		}
		check();
		Duration next = (this.unwritable.isEmpty() || this.interval.compareTo(WHILE_REFUSING) < 0) ? this.interval
				: WHILE_REFUSING;
		try {
			this.scheduler.schedule(this::checkAndScheduleNext, Instant.now().plus(next));
		}
		catch (TaskRejectedException stopping) {
			log.debug("The node stops: its partners' inboxes are no longer looked at");
		}
	}

	@Override
	public String whyNotWritable(NodeId partner) {
		return this.unwritable.get(partner);
	}

	void check() {
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
		this.closed = true;
		this.admin.close();
	}

}
