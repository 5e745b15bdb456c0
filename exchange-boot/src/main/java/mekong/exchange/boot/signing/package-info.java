/**
 * Signing what the node writes and checking what partners send, in the Kafka serdes.
 */
package mekong.exchange.boot.signing;
