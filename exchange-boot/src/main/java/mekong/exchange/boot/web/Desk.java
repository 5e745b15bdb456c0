package mekong.exchange.boot.web;

import mekong.exchange.core.node.NodeId;

/** Who is calling the desk API: a login of a hotline desk of one node. */
public interface Desk {

	/** The login, from the desk account or the token's subject. */
	String username();

	/** The node the desk acts for. */
	NodeId node();

	/** The desk's id, written as the origin desk of what it sends. */
	String desk();

}
