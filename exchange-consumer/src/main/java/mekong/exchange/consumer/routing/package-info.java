/**
 * The router of the node's outbox: agreements from configuration, decisions from the core
 * rules, delivery in Kafka transactions.
 */
package mekong.exchange.consumer.routing;
