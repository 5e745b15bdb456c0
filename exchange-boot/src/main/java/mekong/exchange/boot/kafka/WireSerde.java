package mekong.exchange.boot.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro in Confluent's wire format through the node's registry client, without signatures:
 * for what only the node writes and reads, such as the state records of its views.
 */
public record WireSerde(Serializer<Object> serializer, Deserializer<Object> deserializer) implements Serde<Object> {
}
