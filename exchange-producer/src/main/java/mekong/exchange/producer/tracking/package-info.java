/**
 * The sender's view: every revision of the node's alerts and what happened to it at each
 * addressee.
 */
package mekong.exchange.producer.tracking;
