package mekong.exchange.boot.streams;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A record a processor writes, with the topic it goes to: a partner's inbox or acks
 * topic, or one of the node's own. Topologies end in one sink that writes each to its
 * topic.
 */
public record Outgoing(String topic, SpecificRecord value) {

	public Outgoing {
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(value, "value");
	}

	/** Where {@link Outgoing} records go. */
	public static TopicNameExtractor<String, Outgoing> destination() {
		return (key, outgoing, context) -> outgoing.topic();
	}

	/** Writes the value of each {@link Outgoing} with the contract's serializer. */
	public static Produced<String, Outgoing> with(Serializer<Object> contract) {
		Serializer<Outgoing> values = new Serializer<>() {

			@Override
			public byte[] serialize(String topic, Outgoing outgoing) {
				return contract.serialize(topic, outgoing.value());
			}

			@Override
			public byte[] serialize(String topic, Headers headers, Outgoing outgoing) {
				return contract.serialize(topic, headers, outgoing.value());
			}

		};
		Deserializer<Outgoing> neverRead = (topic, bytes) -> {
			throw new IllegalStateException("Outgoing records are written, never read");
		};
		return Produced.with(Serdes.String(), Serdes.serdeFrom(values, neverRead));
	}

}
