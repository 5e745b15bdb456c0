package mekong.exchange.core.signing;

/** The outcome of checking a record's signature against the key directory. */
public enum Verification {

	/** Signed by a key of the node it claims to come from, over exactly these bytes. */
	VALID,

	/** No signature, or no key id. */
	UNSIGNED,

	/** Signed with a key the directory does not know. */
	UNKNOWN_KEY,

	/** Signed with a key of another node than the one it claims to come from. */
	KEY_OF_ANOTHER_NODE,

	/**
	 * The signature does not match the bytes: they were changed, or the signature was
	 * taken from another record.
	 */
	BAD_SIGNATURE

}
