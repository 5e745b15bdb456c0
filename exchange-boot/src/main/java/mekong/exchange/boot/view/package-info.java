/**
 * Views kept in memory and rebuilt from Kafka topics, which hold the state.
 */
package mekong.exchange.boot.view;
