package mekong.exchange.boot.security;

import mekong.exchange.core.node.NodeId;

/** Who is calling the desk API: a login of a hotline desk of one node. */
public interface Desk {

	/** The login, from the token. */
	String username();

	/** The node the desk acts for. */
	NodeId node();

	/** The desk's id, written as the origin desk of what it sends. */
	String desk();

	/**
	 * Whether the login is a supervisor of the node's desks: it may revise or cancel any
	 * desk's alert, as that desk.
	 */
	boolean supervisor();

	/**
	 * The authority of the desks of {@code node}, which its desk API and console ask for.
	 */
	static String authorityOf(NodeId node) {
		return "NODE_" + node.code();
	}

}
