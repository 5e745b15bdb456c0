/**
 * Text handling shared by the node's sides.
 */
package mekong.exchange.core.text;
