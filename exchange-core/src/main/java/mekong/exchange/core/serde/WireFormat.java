package mekong.exchange.core.serde;

/**
 * Confluent's wire format: byte 0 is the magic byte {@code 0x00}, bytes 1 to 4 the
 * registry's schema id (big endian), then the Avro binary encoding of the value.
 */
public final class WireFormat {

	public static final byte MAGIC_BYTE = 0x0;

	public static final int ID_SIZE = 4;

	public static final int HEADER_SIZE = 1 + ID_SIZE;

	private WireFormat() {
	}

}
