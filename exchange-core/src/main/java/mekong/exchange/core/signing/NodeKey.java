package mekong.exchange.core.signing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

import mekong.exchange.core.node.NodeId;

/**
 * A node's Ed25519 signing key: the private half stays with the node, the public half
 * goes into the key directory of its partners. Both are base64 of their standard
 * encodings (PKCS#8 and X.509), as
 * {@code openssl genpkey -algorithm ed25519 -outform DER | base64 -w0} and
 * {@code openssl pkey -pubout -outform DER | base64 -w0} write them.
 */
public record NodeKey(NodeId node, String keyId, String privateKey, String publicKey) {

	public NodeKey {
		Objects.requireNonNull(node, "node");
		Objects.requireNonNull(keyId, "keyId");
	}

	/** A new key pair for {@code node}, named {@code <node>/<keyName>}. */
	public static NodeKey generate(NodeId node, String keyName) {
		try {
			KeyPair pair = KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
			Base64.Encoder base64 = Base64.getEncoder();
			return new NodeKey(node, node + "/" + keyName, base64.encodeToString(pair.getPrivate().getEncoded()),
					base64.encodeToString(pair.getPublic().getEncoded()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK since 15 has Ed25519", ex);
		}
	}

	@Override
	public String toString() {
		return "NodeKey[node=" + this.node + ", keyId=" + this.keyId + ", privateKey=******, publicKey="
				+ this.publicKey + "]";
	}

}
