/**
 * Who may read and write which topic: the Kafka ACLs of each node's principal, from the
 * topic catalogue and the agreements.
 */
package mekong.exchange.core.access;
