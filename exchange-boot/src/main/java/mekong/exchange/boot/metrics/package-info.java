/**
 * Meters the node's processors use on every record.
 */
package mekong.exchange.boot.metrics;
