/**
 * The node's identity and the defaults all node processes share.
 */
package mekong.exchange.boot.node;
