package mekong.exchange.boot.node;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;

/**
 * This node's topic names from the catalogue, for annotation attributes that need a bean
 * expression, e.g. {@code @KafkaListener(topics = "#{@nodeTopics.outbox}")}.
 */
public final class NodeTopics {

	private final NodeId node;

	NodeTopics(NodeId node) {
		this.node = node;
	}

	public String getOutbox() {
		return Topics.outbox(this.node).name();
	}

	public String getInbox() {
		return Topics.inbox(this.node).name();
	}

	public String getAcks() {
		return Topics.acks(this.node).name();
	}

}
