package mekong.exchange.core.registry;

/** The subject has no such version (Confluent error 40402). */
public class VersionNotFoundException extends SchemaRegistryException {

	public VersionNotFoundException(String message, int errorCode) {
		super(message, errorCode);
	}

}
