package mekong.exchange.core.registry;

/**
 * The registry refused a request or could not be reached. {@link #errorCode()} is
 * Confluent's error code (40401 subject not found, 40402 version not found, 40403 schema
 * not found, 409 incompatible, 42201 invalid schema) or the HTTP status when the registry
 * sent none, or -1 when there was no answer.
 */
public class SchemaRegistryException extends RuntimeException {

	private final int errorCode;

	public SchemaRegistryException(String message, int errorCode) {
		super(message);
		this.errorCode = errorCode;
	}

	public SchemaRegistryException(String message, Throwable cause) {
		super(message, cause);
		this.errorCode = -1;
	}

	public int errorCode() {
		return this.errorCode;
	}

	/**
	 * The HTTP status of the refusal: Confluent's codes are the status followed by two
	 * digits (42201 is a 422); a refusal without a body has the status only; -1 when
	 * there was no answer.
	 */
	public int httpStatus() {
		return (this.errorCode >= 10_000) ? this.errorCode / 100 : this.errorCode;
	}

}
