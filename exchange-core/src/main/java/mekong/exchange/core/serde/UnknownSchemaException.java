package mekong.exchange.core.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record names a schema id the registry does not know. Not retryable. */
public class UnknownSchemaException extends SerializationException {

	public UnknownSchemaException(String message, Throwable cause) {
		super(message, cause);
	}

}
