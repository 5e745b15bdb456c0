/**
 * Reads of personal data on record: every answer of the desk API that holds alerts or
 * searches by name, in the node's own access topic.
 */
package mekong.exchange.boot.reads;
