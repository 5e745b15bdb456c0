package mekong.exchange.core.serde;

import java.util.Map;

import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryClient;

/**
 * What our serializer and deserializer of Confluent's wire format share: the registry
 * client, its settings, and whether they serve a record's key or its value. Configured by
 * Kafka, or on first use with the defaults.
 */
abstract class AvroWireSerde {

	static {
		ContractClasses.trust();
	}

	private SchemaRegistryClient registry;

	private SerdeConfig config;

	private boolean isKey;

	/**
	 * For Kafka's configuration-driven instantiation: the registry comes from
	 * {@code schema.registry.url}.
	 */
	AvroWireSerde() {
	}

	/**
	 * With a registry client shared by several serdes; {@link #configure} reads only the
	 * other settings.
	 */
	AvroWireSerde(SchemaRegistryClient registry) {
		this.registry = registry;
	}

	public void configure(Map<String, ?> configs, boolean isKey) {
		this.config = SerdeConfig.from(configs);
		this.isKey = isKey;
		if (this.registry == null) {
			this.registry = new HttpSchemaRegistryClient(this.config.requiredRegistry());
		}
	}

	/** Configures the serde with the defaults if Kafka did not. */
	final void configuredOrDefault() {
		if (this.config == null) {
			configure(Map.of(), false);
		}
	}

	final SchemaRegistryClient registry() {
		return this.registry;
	}

	final SerdeConfig config() {
		return this.config;
	}

	final boolean isKey() {
		return this.isKey;
	}

}
