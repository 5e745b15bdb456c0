package mekong.exchange.boot.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * Writes one record of a desk's request in a transaction of its own and waits until Kafka
 * confirms it, so that the desk hears back only about what is written. A failure is a
 * {@link KafkaException}, which the desk API answers with 503.
 */
public final class ConfirmedWrites {

	private ConfirmedWrites() {
	}

	/**
	 * @param what what the record is, for the failure's message (e.g. "alert 3f…")
	 */
	public static SendResult<String, Object> write(KafkaOperations<String, Object> kafka,
			ProducerRecord<String, Object> record, Duration within, String what) {
		try {
			return kafka.executeInTransaction((operations) -> operations.send(record))
				.get(within.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new KafkaException(what + " was not written to " + record.topic(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaException("Kafka did not confirm " + what + " within " + within.toSeconds() + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while writing " + what, ex);
		}
	}

}
