/**
 * What happens to records the node cannot process: its dead-letter topic, with the
 * reason.
 */
package mekong.exchange.consumer.dlq;
