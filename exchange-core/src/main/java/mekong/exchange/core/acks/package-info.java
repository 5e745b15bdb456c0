/**
 * Rules of acknowledgements that every side of a node shares.
 */
package mekong.exchange.core.acks;
