package mekong.exchange.boot.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.common.utils.Bytes;

/**
 * Alert ids as the views' store and index keys hold them: sixteen bytes, most significant
 * first, which RocksDB orders as unsigned bytes. Lists gathered from several instances
 * merge in that order, so that pages and cursors agree with each instance's own. The
 * parts of an alert (its revisions, answers, acknowledgements) are keyed by its id and a
 * number, so that they sit together, in order.
 */
public final class AlertIds {

	/** Bytes of an alert id in a key. */
	public static final int BYTES = 16;

	private AlertIds() {
	}

	/** The order of alert ids in index keys. */
	public static int compare(UUID one, UUID other) {
		int high = Long.compareUnsigned(one.getMostSignificantBits(), other.getMostSignificantBits());
		return (high != 0) ? high
				: Long.compareUnsigned(one.getLeastSignificantBits(), other.getLeastSignificantBits());
	}

	/** The key of part {@code number} of alert {@code alertId}. */
	public static Bytes part(UUID alertId, int number) {
		return Bytes.wrap(ByteBuffer.allocate(BYTES + Integer.BYTES)
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.putInt(number)
			.array());
	}

	/** The key of the part of alert {@code alertId} named {@code name}. */
	public static Bytes part(UUID alertId, String name) {
		byte[] text = name.getBytes(StandardCharsets.UTF_8);
		return Bytes.wrap(ByteBuffer.allocate(BYTES + text.length)
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.put(text)
			.array());
	}

	/** The first key of an alert's parts. */
	public static Bytes firstPart(UUID alertId) {
		return Bytes.wrap(ByteBuffer.allocate(BYTES)
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.array());
	}

	/** Past the last key of an alert's parts. */
	public static Bytes pastParts(UUID alertId) {
		return Bytes.wrap(ByteBuffer.allocate(BYTES + 1)
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.put((byte) 0xff)
			.array());
	}

	/** The number of a part's key. */
	public static int numberOf(Bytes partKey) {
		return ByteBuffer.wrap(partKey.get(), BYTES, Integer.BYTES).getInt();
	}

	/**
	 * Rejects a record of an alert topic not keyed by its alert id: every revision and
	 * acknowledgement of an alert must stay on one partition, in order.
	 */
	public static void requireKey(String key, UUID alertId) {
		if (!alertId.toString().equals(key)) {
			throw new RejectedRecordException(DeadLetterReason.KEY_NOT_ALERT_ID,
					"Record key " + key + " is not the alert id " + alertId);
		}
	}

	/** The alert id written at {@code offset} of {@code key}. */
	public static UUID at(byte[] key, int offset) {
		ByteBuffer id = ByteBuffer.wrap(key, offset, BYTES);
		return new UUID(id.getLong(), id.getLong());
	}

}
