package mekong.exchange.infra;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Passwords made for the local installation's accounts. */
public final class Passwords {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Passwords() {
	}

	/**
	 * 192 random bits, in hex so that no JAAS or Kafka argument syntax can trip on it.
	 */
	public static String make() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
