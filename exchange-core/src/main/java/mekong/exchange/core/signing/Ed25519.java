package mekong.exchange.core.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Ed25519 keys read from their base64 encodings, with messages that say which key is
 * wrong, and signatures made and checked with Bouncy Castle's implementation: the same
 * RFC 8032 signatures as the JDK's, at a tenth of its cost on JDK 17, where signing was
 * the largest cost of the exchange (BENCHMARKS.md).
 */
final class Ed25519 {

	static final String ALGORITHM = "Ed25519";

	private Ed25519() {
	}

	static Ed25519PrivateKeyParameters privateKey(String base64, String keyId) {
		try {
			PrivateKey key = KeyFactory.getInstance(ALGORITHM)
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
			return (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(key.getEncoded());
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalArgumentException("The private key of " + keyId
					+ " is not a base64 PKCS#8 Ed25519 key (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)",
					ex);
		}
	}

	static Ed25519PublicKeyParameters publicKey(String base64, String keyId) {
		try {
			PublicKey key = KeyFactory.getInstance(ALGORITHM)
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
			return (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(key.getEncoded());
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalArgumentException(
					"The public key of " + keyId
							+ " is not a base64 X.509 Ed25519 key (openssl pkey -pubout -outform DER | base64 -w0)",
					ex);
		}
	}

	static byte[] sign(Ed25519PrivateKeyParameters key, byte[] data) {
		Ed25519Signer signer = new Ed25519Signer();
		signer.init(true, key);
		signer.update(data, 0, data.length);
		return signer.generateSignature();
	}

	static boolean verify(Ed25519PublicKeyParameters key, byte[] signature, byte[] data) {
		Ed25519Signer verifier = new Ed25519Signer();
		verifier.init(false, key);
		verifier.update(data, 0, data.length);
		return verifier.verifySignature(signature);
	}

}
