/**
 * Publishing desk alerts to the node's outbox.
 */
package mekong.exchange.producer.publish;
