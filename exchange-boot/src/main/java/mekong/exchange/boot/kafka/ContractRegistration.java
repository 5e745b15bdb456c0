package mekong.exchange.boot.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryException;
import mekong.exchange.core.topics.Topic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Registers the value schema of each of the node's topics under its {@code <topic>-value}
 * subject at start-up, so that a partner's system in any language can fetch them from the
 * registry before it reads or writes a record, and those of its state records under their
 * changelogs' subjects ({@link StateSubjects}); sets each subject's compatibility to
 * {@value #COMPATIBILITY}, whatever the registry's default: a later version of the
 * contract, or of a node, must still read what earlier ones wrote. Runs before the
 * listeners start; keeps trying while the registry is still coming up. The registry's
 * init step registers every node's the same way, as the registry's administrator, before
 * it gives each subject to its node.
 */
public final class ContractRegistration extends StartUpStep {

	/**
	 * The first step: the registry knows the contract before anything reads or writes a
	 * record.
	 */
	static final int PHASE = Integer.MIN_VALUE + 1000;

	private static final Logger log = LoggerFactory.getLogger(ContractRegistration.class);

	public static final String COMPATIBILITY = "BACKWARD";

	private static final int FORBIDDEN = 403;

	private final SchemaRegistryClient registry;

	private final Map<String, Schema> subjects = new LinkedHashMap<>();

	private final Duration timeout;

	/**
	 * @param topics the node's topics, whose value schemas it registers
	 * @param state the subjects of its state stores' changelogs
	 * @param timeout how long to keep trying while the registry does not answer
	 */
	public ContractRegistration(SchemaRegistryClient registry, List<Topic<String, ?>> topics, List<StateSubjects> state,
			Duration timeout) {
		super(PHASE);
		this.registry = registry;
		for (Topic<String, ?> topic : topics) {
			if (SpecificRecord.class.isAssignableFrom(topic.valueType())) {
				this.subjects.put(topic.valueSubject(), SpecificData.get().getSchema(topic.valueType()));
			}
		}
		state.forEach((side) -> this.subjects.putAll(side.schemas()));
		this.timeout = timeout;
	}

	/** The subjects it registers. */
	public Set<String> subjects() {
		return Collections.unmodifiableSet(this.subjects.keySet());
	}

	@Override
	void take() {
		RetryTemplate whileUnreachable = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Long.MAX_VALUE)
			.delay(Duration.ofSeconds(1))
			.timeout(this.timeout)
			.predicate((failure) -> failure instanceof SchemaRegistryException refused && refused.errorCode() == -1)
			.build());
		whileUnreachable.setRetryListener(new RetryListener() {

			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> registration) {
				log.warn("Schema registry not reachable yet, retrying");
			}

		});
		this.subjects.forEach((subject, schema) -> {
			int id = register(whileUnreachable, subject, schema);
			this.registry.setCompatibility(subject, COMPATIBILITY);
			log.info("Schema {} registered under subject {} with id {}, compatibility {}", schema.getFullName(),
					subject, id, COMPATIBILITY);
		});
	}

	private int register(RetryTemplate whileUnreachable, String subject, Schema schema) {
		try {
			return whileUnreachable.execute(() -> this.registry.register(subject, schema));
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			if (last instanceof SchemaRegistryException refused && refused.errorCode() == FORBIDDEN) {
				throw new IllegalStateException("The registry does not let this node write " + subject
						+ ": another client created it, and only its owner may write it. The registry's"
						+ " administrator must give it to this node's client (README, Security): "
						+ refused.getMessage(), refused);
			}
			throw new IllegalStateException("Could not register " + schema.getFullName() + " under " + subject
					+ " within " + this.timeout.toSeconds() + " s: " + last.getMessage(), last);
		}
	}

}
