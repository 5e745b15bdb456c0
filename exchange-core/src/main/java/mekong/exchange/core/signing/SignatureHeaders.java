package mekong.exchange.core.signing;

/** The record headers that carry a node's signature of the record value. */
public final class SignatureHeaders {

	/** The Ed25519 signature of the record value's bytes, as written on the topic. */
	public static final String SIGNATURE = "mekong-signature";

	/** The id of the key that signed, as listed in the partners' key directories. */
	public static final String KEY_ID = "mekong-key-id";

	private SignatureHeaders() {
	}

}
