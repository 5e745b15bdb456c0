/**
 * Escalation of alerts nobody accepted in time.
 */
package mekong.exchange.producer.escalation;
