/**
 * The desk API of the recipient: the inbox (state stores and indexes the receiving side
 * keeps, and how they change), the queries on it, and the desks' answers.
 */
package mekong.exchange.consumer.inbox;
