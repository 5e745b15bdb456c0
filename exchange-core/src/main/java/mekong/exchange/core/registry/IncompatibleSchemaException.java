package mekong.exchange.core.registry;

/**
 * The registry refused a schema that breaks the subject's compatibility rule (Confluent
 * error 409).
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

	public IncompatibleSchemaException(String message, int errorCode) {
		super(message, errorCode);
	}

}
