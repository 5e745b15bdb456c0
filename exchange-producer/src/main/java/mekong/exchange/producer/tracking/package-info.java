/**
 * The sender's view: every revision of the node's alerts, what happened to it at each
 * addressee, and its audit trail, kept in Kafka Streams state stores.
 */
package mekong.exchange.producer.tracking;
