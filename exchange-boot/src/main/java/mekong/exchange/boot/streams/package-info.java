/**
 * What both sides of a node share to run as Kafka Streams applications under exactly-once
 * processing: their settings, their error handlers, the memory of their state stores and
 * how their topologies read and write contract records.
 */
package mekong.exchange.boot.streams;
