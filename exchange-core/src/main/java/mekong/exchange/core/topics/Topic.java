package mekong.exchange.core.topics;

import java.util.Objects;

/**
 * A Kafka topic with the types of its keys and values. Partitions, replication and
 * retention are deployment settings, not part of the contract.
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType) {

	public Topic {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(keyType, "keyType");
		Objects.requireNonNull(valueType, "valueType");
	}

	/** The registry subject of the value schema under Confluent's TopicNameStrategy. */
	public String valueSubject() {
		return this.name + "-value";
	}

	@Override
	public String toString() {
		return this.name;
	}

}
