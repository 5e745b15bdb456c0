/**
 * What the consumer side's rules read of contract records, shared by its features.
 */
package mekong.exchange.consumer.contract;
