package mekong.exchange.core.routing;

/**
 * Why an alert was not delivered to a partner. Sent to the origin in the DENIED_BY_POLICY
 * acknowledgement.
 */
public enum DenialReason {

	/** The two nodes have no agreement at all. */
	NO_AGREEMENT,

	/** The nodes have agreements, but none in force on the day the alert was sent. */
	AGREEMENT_NOT_IN_FORCE,

	/**
	 * The agreement in force on the day the alert was sent had ended by the time it was
	 * judged (more than the allowed clock skew later): a backdated alert, or one held up
	 * past the end.
	 */
	AGREEMENT_ENDED,

	/** An agreement is in force, but none covers the alert's crime category. */
	CATEGORY_NOT_COVERED,

	/** The agreement in force does not allow the alert's TLP label. */
	TLP_NOT_ALLOWED,

	/**
	 * TLP:RED and TLP:AMBER+STRICT alerts go only to nodes the sender names, never to
	 * every partner.
	 */
	TLP_NEEDS_NAMED_ADDRESSEE,

	/** The origin named itself as addressee. */
	ADDRESSED_TO_ORIGIN,

	/**
	 * The agreements allow it, but the partner's inbox cannot be written: it does not
	 * exist yet, or this node may not write it.
	 */
	INBOX_NOT_WRITABLE

}
