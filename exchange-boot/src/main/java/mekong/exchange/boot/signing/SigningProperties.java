package mekong.exchange.boot.signing;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.KeyDirectory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The node's signing key and its partners' public keys. A node does not start without its
 * key; an alert from a partner whose key is not in the directory goes to the dead-letter
 * topic.
 *
 * @param keyId the id partners know this node's key by, e.g. VN-05/2026
 * @param privateKey base64 PKCS#8 Ed25519 private key, from the environment
 * (MEKONG_SIGNING_PRIVATEKEY)
 * @param directory the public keys of partner nodes
 */
@ConfigurationProperties("mekong.signing")
@Validated
public record SigningProperties(@NotBlank String keyId, @NotBlank String privateKey,
		@DefaultValue List<@Valid TrustedKey> directory) {

	/**
	 * @param node the partner node
	 * @param keyId the id of its key, as its records name it
	 * @param publicKey base64 X.509 Ed25519 public key
	 */
	public record TrustedKey(@NotNull NodeId node, @NotBlank String keyId, @NotBlank String publicKey) {
	}

	public KeyDirectory keyDirectory() {
		return new KeyDirectory(this.directory.stream()
			.map((key) -> new KeyDirectory.Entry(key.node(), key.keyId(), key.publicKey()))
			.toList());
	}

	@Override
	public String toString() {
		return "SigningProperties[keyId=" + this.keyId + ", privateKey=******, directory=" + this.directory + "]";
	}

}
