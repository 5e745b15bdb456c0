/**
 * The desk API of the recipient: the inbox and the desks' answers.
 */
package mekong.exchange.consumer.inbox;
