/**
 * Real infrastructure without Docker for the local stack and the integration tests:
 * Apache Kafka's KRaft broker in-process and Apicurio Registry as a child process.
 */
package mekong.exchange.infra;
