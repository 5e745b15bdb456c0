package mekong.exchange.boot.streams;

/**
 * A record that decoded but must not be processed: an unknown origin, a revision written
 * by a node that is not the alert's origin, a key that is not the alert id. It goes to
 * the node's dead-letter topic with {@link #reason()}; retrying cannot help.
 */
public class RejectedRecordException extends RuntimeException {

	private final DeadLetterReason reason;

	public RejectedRecordException(DeadLetterReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public DeadLetterReason reason() {
		return this.reason;
	}

}
