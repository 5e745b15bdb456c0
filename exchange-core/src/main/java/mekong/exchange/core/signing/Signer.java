package mekong.exchange.core.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** Signs what a node writes with its private key. Thread-safe. */
public final class Signer {

	private final String keyId;

	private final PrivateKey key;

	private final ThreadLocal<Signature> signatures;

	public Signer(String keyId, String privateKey) {
		this.keyId = keyId;
		this.key = Ed25519.privateKey(privateKey, keyId);
		this.signatures = ThreadLocal.withInitial(() -> {
			try {
				return Signature.getInstance(Ed25519.ALGORITHM);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Every JDK since 15 has Ed25519", ex);
			}
		});
	}

	public String keyId() {
		return this.keyId;
	}

	public byte[] sign(byte[] data) {
		try {
			Signature signature = this.signatures.get();
			signature.initSign(this.key);
			signature.update(data);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign with " + this.keyId, ex);
		}
	}

}
