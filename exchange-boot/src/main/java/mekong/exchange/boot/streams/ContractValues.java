package mekong.exchange.boot.streams;

import java.util.Locale;

import mekong.exchange.avro.Alert;
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

	/**
	 * The alert of a record of an alert topic: keyed by its alert id, so that all its
	 * revisions stay in order on one partition; any other key is rejected.
	 */
	public static Alert alertOf(String key, Object value, String topic) {
		Alert alert = require(value, Alert.class, topic);
		if (!alert.getAlertId().toString().equals(key)) {
			throw new RejectedRecordException("KEY_NOT_ALERT_ID",
					"Record key " + key + " is not the alert id " + alert.getAlertId());
		}
		return alert;
	}

	private static String upperSnake(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
