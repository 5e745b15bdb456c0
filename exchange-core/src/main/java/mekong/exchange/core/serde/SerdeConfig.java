package mekong.exchange.core.serde;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import mekong.exchange.core.registry.RegistryClientSettings;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings under Confluent's own configuration keys, so that an operator can swap
 * in Confluent's {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} by changing
 * only the class names.
 */
record SerdeConfig(RegistryClientSettings registry, boolean autoRegisterSchemas, boolean useLatestVersion,
		boolean specificAvroReader, SubjectNameStrategy keySubjects, SubjectNameStrategy valueSubjects) {

	static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

	static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	static final String USE_LATEST_VERSION = "use.latest.version";

	static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

	static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

	static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

	static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

	static final String MAX_RETRIES = "max.retries";

	static final String RETRIES_WAIT_MS = "retries.wait.ms";

	static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

	static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";

	/** Not a Confluent key; Confluent's client has its own timeouts. */
	static final String REGISTRY_TIMEOUT_MS = "mekong.schema.registry.timeout.ms";

	static SerdeConfig from(Map<String, ?> configs) {
		RegistryClientSettings defaults = RegistryClientSettings.of("", Duration.ofSeconds(10));
		String url = text(configs, SCHEMA_REGISTRY_URL, "");
		return new SerdeConfig(
				new RegistryClientSettings(firstOf(url), userInfo(configs, url),
						Duration.ofMillis(number(configs, REGISTRY_TIMEOUT_MS, defaults.timeout().toMillis())),
						(int) number(configs, MAX_RETRIES, defaults.maxRetries()),
						Duration.ofMillis(number(configs, RETRIES_WAIT_MS, defaults.retryWait().toMillis())),
						Duration.ofMillis(number(configs, RETRIES_MAX_WAIT_MS, defaults.retryMaxWait().toMillis())),
						(int) number(configs, MAX_SCHEMAS_PER_SUBJECT, defaults.cacheCapacity())),
				flag(configs, AUTO_REGISTER_SCHEMAS, true), flag(configs, USE_LATEST_VERSION, false),
				flag(configs, SPECIFIC_AVRO_READER, false),
				SubjectNameStrategy.named(text(configs, KEY_SUBJECT_NAME_STRATEGY, "TopicNameStrategy")),
				SubjectNameStrategy.named(text(configs, VALUE_SUBJECT_NAME_STRATEGY, "TopicNameStrategy")));
	}

	/** The client settings, failing when no registry is configured. */
	RegistryClientSettings requiredRegistry() {
		if (this.registry.url().isBlank()) {
			throw new ConfigException(SCHEMA_REGISTRY_URL + " is not set: the Avro serde needs a schema registry");
		}
		return this.registry;
	}

	SubjectNameStrategy subjects(boolean isKey) {
		return isKey ? this.keySubjects : this.valueSubjects;
	}

	/**
	 * Confluent accepts a comma-separated list of URLs; this client talks to the first
	 * one.
	 */
	private static String firstOf(String urls) {
		String first = urls.split(",")[0].trim();
		if (first.isEmpty()) {
			return first;
		}
		URI uri = URI.create(first);
		return (uri.getUserInfo() != null) ? first.replace(uri.getUserInfo() + "@", "") : first;
	}

	private static String userInfo(Map<String, ?> configs, String urls) {
		String source = text(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "");
		return switch (source) {
			case "" -> null;
			case "USER_INFO" -> {
				String userInfo = text(configs, BASIC_AUTH_USER_INFO, "");
				if (!userInfo.contains(":")) {
					throw new ConfigException(BASIC_AUTH_USER_INFO + " must be user:password when "
							+ BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
				}
				yield userInfo;
			}
			case "URL" -> URI.create(urls.split(",")[0].trim()).getUserInfo();
			default -> throw new ConfigException(
					BASIC_AUTH_CREDENTIALS_SOURCE + " " + source + " is not supported; use USER_INFO or URL");
		};
	}

	private static String text(Map<String, ?> configs, String key, String defaultValue) {
		Object value = configs.get(key);
		return (value != null) ? value.toString() : defaultValue;
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
