package mekong.exchange.core.signing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mekong.exchange.core.node.NodeId;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The public keys of the partner nodes, by key id: what a receiver checks signatures
 * against. Thread-safe.
 */
public final class KeyDirectory {

	private final Map<String, TrustedKey> keys = new HashMap<>();

	/** A partner's public key, base64 X.509 (see {@link NodeKey}). */
	public record Entry(NodeId node, String keyId, String publicKey) {
	}

	private record TrustedKey(NodeId node, Ed25519PublicKeyParameters key) {
	}

	/**
	 * @throws IllegalArgumentException for a key that cannot be read, or a key id listed
	 * twice
	 */
	public KeyDirectory(List<Entry> entries) {
		for (Entry entry : entries) {
			if (this.keys.put(entry.keyId(),
					new TrustedKey(entry.node(), Ed25519.publicKey(entry.publicKey(), entry.keyId()))) != null) {
				throw new IllegalArgumentException("Key id " + entry.keyId() + " is listed twice in the key directory");
			}
		}
	}

	/**
	 * Checks {@code signature} over {@code data} with the key {@code keyId} names, before
	 * anything of the record is read: what no partner signed is never decoded.
	 * @param keyId the key id the record names, or null
	 * @param signature the signature the record carries, or null
	 */
	public Signed check(String keyId, byte[] signature, byte[] data) {
		if (keyId == null || signature == null) {
			return new Signed(Verification.UNSIGNED, null);
		}
		TrustedKey trusted = this.keys.get(keyId);
		if (trusted == null) {
			return new Signed(Verification.UNKNOWN_KEY, null);
		}
		return Ed25519.verify(trusted.key(), signature, data) ? new Signed(Verification.VALID, trusted.node())
				: new Signed(Verification.BAD_SIGNATURE, null);
	}

	/**
	 * {@link #check} for a record that says it comes from {@code claimedSigner}.
	 */
	public Verification verify(NodeId claimedSigner, String keyId, byte[] signature, byte[] data) {
		return check(keyId, signature, data).claimedBy(claimedSigner);
	}

	/**
	 * The outcome of {@link #check}.
	 *
	 * @param signer the node whose key made the signature, if it is valid
	 */
	public record Signed(Verification verification, NodeId signer) {

		/**
		 * The outcome for a record that says it comes from {@code claimed} (null if what
		 * it names is not a node): valid only if signed with a key of that node.
		 */
		public Verification claimedBy(NodeId claimed) {
			if (this.verification != Verification.VALID || this.signer.equals(claimed)) {
				return this.verification;
			}
			return Verification.KEY_OF_ANOTHER_NODE;
		}

	}

}
