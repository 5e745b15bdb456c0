package mekong.exchange.core.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reading Ed25519 keys from their base64 encodings, with messages that say which key is
 * wrong.
 */
final class Ed25519 {

	static final String ALGORITHM = "Ed25519";

	private Ed25519() {
	}

	static PrivateKey privateKey(String base64, String keyId) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("The private key of " + keyId
					+ " is not a base64 PKCS#8 Ed25519 key (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)",
					ex);
		}
	}

	static PublicKey publicKey(String base64, String keyId) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"The public key of " + keyId
							+ " is not a base64 X.509 Ed25519 key (openssl pkey -pubout -outform DER | base64 -w0)",
					ex);
		}
	}

}
