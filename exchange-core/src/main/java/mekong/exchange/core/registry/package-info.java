/**
 * A client of Confluent's Schema Registry REST API, usable against any compatible
 * registry.
 */
package mekong.exchange.core.registry;
