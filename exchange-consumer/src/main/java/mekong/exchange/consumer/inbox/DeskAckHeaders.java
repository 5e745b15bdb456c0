package mekong.exchange.consumer.inbox;

/** Headers of the records the desk API writes to the node's {@code desk-acks} topic. */
public final class DeskAckHeaders {

	/** The desk that answered, which the answer's limit per desk counts. */
	public static final String DESK = "mekong-desk";

	/**
	 * The login that answered, on answers written before December 2026; the answer itself
	 * names it since ({@code Acknowledgement.user}).
	 */
	public static final String USER = "mekong-user";

	private DeskAckHeaders() {
	}

}
