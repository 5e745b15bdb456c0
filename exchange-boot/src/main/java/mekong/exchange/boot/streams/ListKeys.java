package mekong.exchange.boot.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of an index that keeps lists of alerts, newest first: a key is the list's
 * name, a zero byte (which no name contains), a time counted down from the end of time
 * (so that RocksDB's ascending order is newest first), and the alert id.
 */
public final class ListKeys {

	private ListKeys() {
	}

	/** The key of {@code alertId} on {@code list}, at {@code at}. */
	public static Bytes key(String list, Instant at, UUID alertId) {
		byte[] prefix = prefix(list);
		return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + AlertIds.BYTES)
			.put(prefix)
			.putLong(countDown(at))
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.array());
	}

	/** The name of a list, then a zero byte: what each of its keys starts with. */
	public static byte[] prefix(String list) {
		byte[] text = list.getBytes(StandardCharsets.UTF_8);
		return Arrays.copyOf(text, text.length + 1);
	}

	/** Past every key that starts with {@code prefix}. */
	public static Bytes endOf(byte[] prefix) {
		byte[] end = prefix.clone();
		end[end.length - 1] = 1;
		return Bytes.wrap(end);
	}

	public static long countDown(Instant at) {
		return Long.MAX_VALUE - at.toEpochMilli();
	}

	/** The alert id at the end of a key. */
	public static UUID alertIdOf(Bytes key) {
		return AlertIds.at(key.get(), key.get().length - AlertIds.BYTES);
	}

	/** The time of a key. */
	public static Instant timeOf(Bytes key) {
		byte[] bytes = key.get();
		long countedDown = ByteBuffer.wrap(bytes, bytes.length - AlertIds.BYTES - Long.BYTES, Long.BYTES).getLong();
		return Instant.ofEpochMilli(Long.MAX_VALUE - countedDown);
	}

}
