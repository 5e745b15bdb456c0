package mekong.exchange.consumer.inbox;

/** Headers of the records the desk API writes to the node's {@code desk-acks} topic. */
public final class DeskAckHeaders {

	/** The desk that answered, which the answer's limit per desk counts. */
	public static final String DESK = "mekong-desk";

	/**
	 * The login that answered, as the identity provider authenticated it, for the audit.
	 */
	public static final String USER = "mekong-user";

	private DeskAckHeaders() {
	}

}
