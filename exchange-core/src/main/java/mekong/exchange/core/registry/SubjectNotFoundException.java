package mekong.exchange.core.registry;

/** The registry has no subject of that name (Confluent error 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

	public SubjectNotFoundException(String message, int errorCode) {
		super(message, errorCode);
	}

}
