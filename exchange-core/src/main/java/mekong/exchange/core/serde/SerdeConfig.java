package mekong.exchange.core.serde;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings under Confluent's own configuration keys, so that an operator can swap
 * in Confluent's {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} by changing
 * only the class names.
 */
record SerdeConfig(String registryUrl, boolean autoRegisterSchemas, boolean useLatestVersion,
		boolean specificAvroReader, Duration registryTimeout) {

	static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

	static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	static final String USE_LATEST_VERSION = "use.latest.version";

	static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	/** Not a Confluent key; Confluent's client has its own timeouts. */
	static final String REGISTRY_TIMEOUT_MS = "mekong.schema.registry.timeout.ms";

	static SerdeConfig from(Map<String, ?> configs) {
		Object url = configs.get(SCHEMA_REGISTRY_URL);
		return new SerdeConfig((url != null) ? url.toString() : null, flag(configs, AUTO_REGISTER_SCHEMAS, true),
				flag(configs, USE_LATEST_VERSION, false), flag(configs, SPECIFIC_AVRO_READER, false),
				Duration.ofMillis(number(configs, REGISTRY_TIMEOUT_MS, 10_000)));
	}

	String requiredRegistryUrl() {
		if (this.registryUrl == null || this.registryUrl.isBlank()) {
			throw new ConfigException(SCHEMA_REGISTRY_URL + " is not set: the Avro serde needs a schema registry");
		}
		// Confluent accepts a comma-separated list; this client talks to the first one.
		return this.registryUrl.split(",")[0].trim();
	}

	private static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
		Object value = configs.get(key);
		return (value != null) ? Boolean.parseBoolean(value.toString()) : defaultValue;
	}

	private static long number(Map<String, ?> configs, String key, long defaultValue) {
		Object value = configs.get(key);
		return (value != null) ? Long.parseLong(value.toString()) : defaultValue;
	}

}
