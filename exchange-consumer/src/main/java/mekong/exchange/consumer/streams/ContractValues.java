package mekong.exchange.consumer.streams;

import java.util.Locale;

import mekong.exchange.consumer.dlq.RejectedRecordException;
import mekong.exchange.core.serde.UndecodableRecordException;

/** What a topology expects to find in the records of a contract topic. */
public final class ContractValues {

	private ContractValues() {
	}

	/**
	 * The value of a record, which must be a {@code type}: a record without a value is
	 * undecodable (no topic of the exchange has tombstones), one of another type is
	 * rejected.
	 * @param topic where the record was read, for the reason
	 */
	public static <T> T require(Object value, Class<T> type, String topic) {
		if (value == null) {
			throw new UndecodableRecordException("A record of " + topic + " has no value");
		}
		if (!type.isInstance(value)) {
			throw new RejectedRecordException("NOT_AN_" + upperSnake(type.getSimpleName()), "A record of " + topic
					+ " holds a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
		}
		return type.cast(value);
	}

	private static String upperSnake(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
