package mekong.exchange.core.registry;

/** The registry refused the schema as invalid (Confluent error 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

	public InvalidSchemaException(String message, int errorCode) {
		super(message, errorCode);
	}

}
