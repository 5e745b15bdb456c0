package mekong.exchange.boot.streams;

import java.util.UUID;

/**
 * Alert ids as the views' index keys hold them: sixteen bytes, most significant first,
 * which RocksDB orders as unsigned bytes. Lists gathered from several instances merge in
 * that order, so that pages and cursors agree with each instance's own.
 */
public final class AlertIds {

	private AlertIds() {
	}

	/** The order of alert ids in index keys. */
	public static int compare(UUID one, UUID other) {
		int high = Long.compareUnsigned(one.getMostSignificantBits(), other.getMostSignificantBits());
		return (high != 0) ? high
				: Long.compareUnsigned(one.getLeastSignificantBits(), other.getLeastSignificantBits());
	}

}
