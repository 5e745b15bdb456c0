package mekong.exchange.core.registry;

import org.apache.avro.Schema;

/**
 * The part of Confluent's Schema Registry REST API the exchange uses. Any
 * Confluent-compatible registry (Confluent, Apicurio's ccompat API, Karapace) serves it.
 * Failures are {@link SchemaRegistryException}s: the registry's refusals typed by
 * Confluent's error code, an unreachable registry with error code -1.
 */
public interface SchemaRegistryClient {

	/**
	 * Registers {@code schema} under {@code subject}, or finds it if already there;
	 * returns its global id.
	 */
	int register(String subject, Schema schema);

	/** The id of {@code schema} under {@code subject}, without registering it. */
	int idOf(String subject, Schema schema);

	/** The schema with this global id. */
	Schema schemaById(int id);

	/** The newest version registered under {@code subject}. */
	RegisteredSchema latest(String subject);

	/** One version of {@code subject}. */
	RegisteredSchema version(String subject, int version);

	/**
	 * The compatibility level of {@code subject}, or the global one when {@code subject}
	 * is null.
	 */
	String compatibility(String subject);

	/**
	 * Sets the compatibility level (BACKWARD, FORWARD, FULL, NONE …) of a subject, or the
	 * global one when null.
	 */
	void setCompatibility(String subject, String level);

}
