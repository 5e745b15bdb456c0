/**
 * The router of the node's outbox: decisions from the agreements and the core rules,
 * delivery to partners' inboxes in the transaction that also records the decisions in the
 * sender view.
 */
package mekong.exchange.producer.routing;
