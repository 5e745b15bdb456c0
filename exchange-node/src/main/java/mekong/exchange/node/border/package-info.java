/**
 * The settings step of a country's MirrorMaker: what it pulls home from the partner
 * country's cluster, from the agreements.
 */
package mekong.exchange.node.border;
