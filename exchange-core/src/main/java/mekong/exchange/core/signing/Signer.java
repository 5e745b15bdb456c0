package mekong.exchange.core.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Signs what a node writes with its private key. Thread-safe. */
public final class Signer {

	private final String keyId;

	private final Ed25519PrivateKeyParameters key;

	public Signer(String keyId, String privateKey) {
		this.keyId = keyId;
		this.key = Ed25519.privateKey(privateKey, keyId);
	}

	public String keyId() {
		return this.keyId;
	}

	public byte[] sign(byte[] data) {
		return Ed25519.sign(this.key, data);
	}

}
