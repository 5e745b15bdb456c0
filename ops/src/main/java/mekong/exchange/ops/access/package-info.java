/**
 * The init step of a cluster: the exchange's Kafka principals and their ACLs.
 */
package mekong.exchange.node.access;
