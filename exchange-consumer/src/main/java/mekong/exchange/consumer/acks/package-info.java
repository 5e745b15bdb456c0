/**
 * Acknowledgements as the contract shapes them, addressed to the origin node.
 */
package mekong.exchange.consumer.acks;
