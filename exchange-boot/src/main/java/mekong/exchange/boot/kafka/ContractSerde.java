package mekong.exchange.boot.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Values of the exchange's topics as the contract wants them: Avro in Confluent's wire
 * format through the node's registry client; signed by the node when written to a topic
 * several nodes write (inboxes, acks topics), and verified against the key directory when
 * read from the node's inbox or acks topic. A value that cannot be decoded or verified
 * fails with the reason, for the caller's error handler to dead-letter.
 */
public record ContractSerde(Serializer<Object> serializer, Deserializer<Object> deserializer) implements Serde<Object> {
}
