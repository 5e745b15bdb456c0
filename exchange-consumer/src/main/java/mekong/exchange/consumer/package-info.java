/**
 * The consumer (receiving) side of a node: receiving partners' alerts exactly once into
 * the inbox and acknowledging them (receiving), the desks' inbox, its queries and answers
 * (inbox), as one Kafka Streams application (streams).
 */
package mekong.exchange.consumer;
