/**
 * The init step of a cluster: the exchange's Kafka principals and their ACLs, and the
 * move of a node's Kafka Streams state from its old names.
 */
package mekong.exchange.ops.access;
