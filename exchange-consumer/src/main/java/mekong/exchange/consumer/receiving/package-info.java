/**
 * The receiver of the node's inbox: exactly once per revision, with durable dedup state
 * and automatic RECEIVED acknowledgements.
 */
package mekong.exchange.consumer.receiving;
