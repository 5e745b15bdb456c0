/**
 * The node's agreements and the routing rules read from them, shared by both sides.
 */
package mekong.exchange.boot.agreements;
