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
	ADDRESSED_TO_ORIGIN

}
