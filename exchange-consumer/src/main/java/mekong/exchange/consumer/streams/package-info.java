/**
 * The consumer side of a node as one Kafka Streams application under exactly-once
 * processing: its settings, its error handlers and what every topology of it shares.
 */
package mekong.exchange.consumer.streams;
