/**
 * Avro serializer and deserializer in Confluent's wire format, configured with
 * Confluent's keys.
 */
package mekong.exchange.core.serde;
