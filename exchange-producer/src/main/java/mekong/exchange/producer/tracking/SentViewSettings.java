package mekong.exchange.producer.tracking;

import java.time.Duration;

import mekong.exchange.core.node.NodeId;

/**
 * What the sender view of a node needs to know to change: whose alerts it keeps, how
 * long, and how much history it keeps per alert.
 *
 * @param retention how long the view keeps an alert after its newest revision
 * ({@code mekong.sent.retention})
 * @param rememberErased how long it then remembers that the alert existed: as long as a
 * record of it can be read again from a topic ({@code mekong.topics.retention})
 * @param acknowledgementsPerAlert the most entries of one alert's history
 */
public record SentViewSettings(NodeId node, Duration retention, Duration rememberErased, int acknowledgementsPerAlert) {

	/** The view of a task, on its stores. */
	public SentView view(SentStores stores) {
		return new SentView(stores, this.node, this.retention, this.rememberErased, this.acknowledgementsPerAlert);
	}

}
