package mekong.exchange.producer.publish;

/** Headers the desk gateway adds to the records it writes to the outbox. */
public final class OutboxHeaders {

	/**
	 * The desk's {@code Idempotency-Key}, prefixed by the desk account, so a retry is
	 * recognised after a restart.
	 */
	public static final String IDEMPOTENCY_KEY = "mekong-idempotency-key";

	/**
	 * SHA-256 of the request that created the record, to tell a retry from a different
	 * request with the same key.
	 */
	public static final String REQUEST_FINGERPRINT = "mekong-request-fingerprint";

	/**
	 * The login of the desk that filed the record, as the identity provider authenticated
	 * it: the router writes it into the audit trail.
	 */
	public static final String USER = "mekong-user";

	private OutboxHeaders() {
	}

}
