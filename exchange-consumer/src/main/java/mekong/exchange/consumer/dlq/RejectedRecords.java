package mekong.exchange.consumer.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Where a listener puts a record it refuses (an unknown origin, a revision not from the
 * origin, a key that is not the alert id): the node's dead-letter topic, in the
 * listener's transaction, with the reason.
 */
@Component
public class RejectedRecords {

	private final DeadLetterPublishingRecoverer deadLetters;

	RejectedRecords(DeadLetterPublishingRecoverer deadLetters) {
		this.deadLetters = deadLetters;
	}

	public void reject(ConsumerRecord<?, ?> record, RejectedRecordException rejection) {
		this.deadLetters.accept(record, rejection);
	}

}
