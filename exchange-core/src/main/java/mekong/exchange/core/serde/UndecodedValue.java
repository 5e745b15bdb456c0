package mekong.exchange.core.serde;

import java.util.Objects;

/**
 * What a {@link TolerantDeserializer} hands on instead of a value it could not decode:
 * the bytes as they were and why they could not be read, so that the record can go to a
 * dead-letter topic unchanged.
 */
public record UndecodedValue(byte[] bytes, RuntimeException failure) {

	public UndecodedValue {
		Objects.requireNonNull(failure, "failure");
	}

}
