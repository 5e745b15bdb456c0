/**
 * The consumer side of a node: routing the node's outbox to partners under the agreements
 * (routing), receiving partners' alerts exactly once (receiving), the desks' inbox
 * (inbox), acknowledgements (acks) and the dead-letter policy (dlq), as one Kafka Streams
 * application (streams).
 */
package mekong.exchange.consumer;
