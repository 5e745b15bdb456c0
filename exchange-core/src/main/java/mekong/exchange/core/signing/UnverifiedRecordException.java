package mekong.exchange.core.signing;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose signature does not prove it comes from the node it claims. Never
 * retried, never shown to a desk.
 */
public class UnverifiedRecordException extends SerializationException {

	private final Verification verification;

	public UnverifiedRecordException(Verification verification, String message) {
		super(message);
		this.verification = verification;
	}

	public Verification verification() {
		return this.verification;
	}

}
