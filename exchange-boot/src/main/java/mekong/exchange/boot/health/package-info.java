/**
 * Health of a node as its operators and orchestrators see it: readiness follows Kafka and
 * the registry.
 */
package mekong.exchange.boot.health;
