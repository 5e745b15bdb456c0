/**
 * The topic catalogue: names, key and value types of every topic.
 */
package mekong.exchange.core.topics;
