/**
 * Exactly-once delivery per recipient: which revisions a receiver takes, skips or
 * refuses.
 */
package mekong.exchange.core.dedup;
