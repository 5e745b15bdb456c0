package mekong.exchange.core.serde;

import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Never fails: a value its delegate cannot decode becomes an {@link UndecodedValue}, so
 * that a consumer can set the record aside and go on with the next one instead of
 * stopping at it. No topic of the exchange uses tombstones, so a record without a value
 * is undecodable too.
 */
public final class TolerantDeserializer implements Deserializer<Object> {

	private final Deserializer<Object> delegate;

	public TolerantDeserializer(Deserializer<Object> delegate) {
		this.delegate = delegate;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.delegate.configure(configs, isKey);
	}

	@Override
	public Object deserialize(String topic, byte[] data) {
		if (data == null) {
			return withoutValue();
		}
		try {
			return this.delegate.deserialize(topic, data);
		}
		catch (RuntimeException ex) {
			return new UndecodedValue(data, ex);
		}
	}

	@Override
	public Object deserialize(String topic, Headers headers, byte[] data) {
		if (data == null) {
			return withoutValue();
		}
		try {
			return this.delegate.deserialize(topic, headers, data);
		}
		catch (RuntimeException ex) {
			return new UndecodedValue(data, ex);
		}
	}

	private static UndecodedValue withoutValue() {
		return new UndecodedValue(null, new UndecodableRecordException("The record has no value"));
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
