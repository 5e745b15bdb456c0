package mekong.exchange.producer.routing;

import mekong.exchange.core.node.NodeId;

/** What the router asks before delivering to a partner: can its inbox be written? */
@FunctionalInterface
public interface PartnerInboxCheck {

	/** Why the router cannot deliver to {@code partner} now, or null if it can. */
	String whyNotWritable(NodeId partner);

}
