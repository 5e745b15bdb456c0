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
	 * @param claimedSigner the node the record says it comes from
	 * @param keyId the key id the record names, or null
	 * @param signature the signature the record carries, or null
	 */
	public Verification verify(NodeId claimedSigner, String keyId, byte[] signature, byte[] data) {
		if (keyId == null || signature == null) {
			return Verification.UNSIGNED;
		}
		TrustedKey trusted = this.keys.get(keyId);
		if (trusted == null) {
			return Verification.UNKNOWN_KEY;
		}
		if (!trusted.node().equals(claimedSigner)) {
			return Verification.KEY_OF_ANOTHER_NODE;
		}
		return Ed25519.verify(trusted.key(), signature, data) ? Verification.VALID : Verification.BAD_SIGNATURE;
	}

}
