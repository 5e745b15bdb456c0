package mekong.exchange.boot.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Waits at start-up, before the Kafka Streams applications start, until the cluster
 * serves the metadata of the node's own topics. On a first start they have only just been
 * created, and a stream thread that asks for its source topics a moment too early stops
 * with "missing source topics"; the thread that replaces it then gets no task until the
 * group has waited out the old one's session (45 s).
 */
class TopicsVisible extends StartUpStep {

	/** After the contract is registered. */
	static final int PHASE = ContractRegistration.PHASE + 1000;

	private static final Logger log = LoggerFactory.getLogger(TopicsVisible.class);

	private final Map<String, Object> adminSettings;

	private final List<String> topics;

	private final Duration timeout;

	TopicsVisible(Map<String, Object> adminSettings, List<String> topics, Duration timeout) {
		super(PHASE);
		this.adminSettings = adminSettings;
		this.topics = topics;
		this.timeout = timeout;
	}

	@Override
	void take() {
		long started = System.nanoTime();
		RetryTemplate untilVisible = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Long.MAX_VALUE)
			.delay(Duration.ofMillis(100))
			.timeout(this.timeout)
			.predicate((failure) -> failure instanceof ExecutionException
					&& failure.getCause() instanceof UnknownTopicOrPartitionException)
			.build());
		try (Admin admin = Admin.create(this.adminSettings)) {
			untilVisible.execute(() -> admin.describeTopics(this.topics).allTopicNames().get());
		}
		catch (RetryException ex) {
			Throwable last = (ex.getLastException() instanceof ExecutionException failed) ? failed.getCause()
					: ex.getLastException();
			if (last instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("The node's topics " + this.topics + " are not visible within "
					+ this.timeout.toSeconds() + " s: " + last.getMessage(), last);
		}
		log.debug("The node's topics are visible after {} ms", (System.nanoTime() - started) / 1_000_000);
	}

}
