package mekong.exchange.core.registry;

/**
 * The registry has no schema with the id or text asked for (Confluent error 40403 or
 * 40401).
 */
public class SchemaNotFoundException extends SchemaRegistryException {

	public SchemaNotFoundException(String message, int errorCode) {
		super(message, errorCode);
	}

}
