/**
 * The producer side of a node as one Kafka Streams application under exactly-once
 * processing.
 */
package mekong.exchange.producer.streams;
