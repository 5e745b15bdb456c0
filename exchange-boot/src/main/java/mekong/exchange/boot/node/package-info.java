/**
 * The node's identity, its topic names for annotations, and the defaults all node
 * processes share.
 */
package mekong.exchange.boot.node;
