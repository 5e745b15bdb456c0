package mekong.exchange.core.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes of a record are not a value in Confluent's wire format that this reader can
 * decode. Not retryable.
 */
public class UndecodableRecordException extends SerializationException {

	public UndecodableRecordException(String message) {
		super(message);
	}

	public UndecodableRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
