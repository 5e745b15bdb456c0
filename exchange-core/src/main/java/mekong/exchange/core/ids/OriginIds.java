package mekong.exchange.core.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import mekong.exchange.core.node.NodeId;

/**
 * The ids a node gives the alerts it opens: RFC 9562 version 8 UUIDs whose first 48 bits
 * are a tag of the origin node and whose other 74 bits nobody else can predict (random,
 * or, for a request with an idempotency key, an HMAC of the key under a secret of the
 * node). A receiver that checks an alert's tag against its signed origin
 * ({@link #mayOpen}) takes an id in one origin's space from that origin only, so a
 * partner can neither guess another origin's next id nor plant an alert under it:
 * receipts are in effect keyed by origin and id. Ids of another shape (version 4 random,
 * version 3 from older nodes) carry no tag and are taken from any origin, as before.
 */
public final class OriginIds {

	private static final int VERSION = 8;

	private static final int TAG_BYTES = 6;

	private static final String HMAC = "HmacSHA256";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] tag;

	private final SecretKeySpec secret;

	/**
	 * @param origin the node that opens the alerts
	 * @param secret what only that node knows (derived from its signing key), from which
	 * the ids of requests with an idempotency key are derived
	 */
	public OriginIds(NodeId origin, byte[] secret) {
		this.tag = tagOf(origin);
		this.secret = new SecretKeySpec(hmac(new SecretKeySpec(secret, HMAC), "mekong alert ids"), HMAC);
	}

	/** A new id, never given before. */
	public UUID random() {
		byte[] entropy = new byte[16];
		RANDOM.nextBytes(entropy);
		return id(entropy);
	}

	/**
	 * The id of the alert a request with {@code key} opens: the same for the same key, on
	 * any instance, after any restart, and unguessable without the node's secret.
	 */
	public UUID derived(String key) {
		return id(hmac(this.secret, key));
	}

	/**
	 * Whether {@code origin} may open an alert with id {@code alertId}: any id without an
	 * origin's tag, or one with its own.
	 */
	public static boolean mayOpen(NodeId origin, UUID alertId) {
		if (alertId.version() != VERSION || alertId.variant() != 2) {
			return true;
		}
		byte[] held = ByteBuffer.allocate(Long.BYTES).putLong(alertId.getMostSignificantBits()).array();
		return Arrays.equals(held, 0, TAG_BYTES, tagOf(origin), 0, TAG_BYTES);
	}

	private UUID id(byte[] entropy) {
		byte[] bytes = new byte[16];
		System.arraycopy(this.tag, 0, bytes, 0, TAG_BYTES);
		System.arraycopy(entropy, 0, bytes, TAG_BYTES, 16 - TAG_BYTES);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | (VERSION << 4));
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	private static byte[] tagOf(NodeId origin) {
		try {
			return Arrays.copyOf(MessageDigest.getInstance("SHA-256")
				.digest(("mekong alert origin " + origin.code()).getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private static byte[] hmac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

}
