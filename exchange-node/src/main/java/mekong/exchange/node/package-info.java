/**
 * One node as one process, composed of the producer and consumer sides.
 */
package mekong.exchange.node;
