package mekong.exchange.core.registry;

/**
 * The registry has no schema with the id, or no such schema under the subject (Confluent
 * error 40403).
 */
public class SchemaNotFoundException extends SchemaRegistryException {

	public SchemaNotFoundException(String message, int errorCode) {
		super(message, errorCode);
	}

}
