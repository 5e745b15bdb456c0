/**
 * The desk API of the recipient: the inbox view (state stores and indexes kept from the
 * receiver's and the desks' committed records), the queries on it, and the desks'
 * answers.
 */
package mekong.exchange.consumer.inbox;
