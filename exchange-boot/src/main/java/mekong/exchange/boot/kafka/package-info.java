/**
 * Kafka clients, topics and schemas configured as the exchange's contract requires.
 */
package mekong.exchange.boot.kafka;
