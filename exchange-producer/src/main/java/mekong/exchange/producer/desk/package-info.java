/**
 * The desk API of the sender: file alerts, with validation and idempotency, and read
 * their status.
 */
package mekong.exchange.producer.desk;
