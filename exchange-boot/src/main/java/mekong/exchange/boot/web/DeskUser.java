package mekong.exchange.boot.web;

import java.util.List;

import mekong.exchange.core.node.NodeId;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A hotline desk logged in with a desk account (HTTP Basic, local profile), and the node
 * it acts for.
 */
final class DeskUser extends User implements Desk {

	private final NodeId node;

	private final String desk;

	DeskUser(String username, String password, NodeId node, String desk) {
		super(username, password, List.of(new SimpleGrantedAuthority(authorityOf(node))));
		this.node = node;
		this.desk = desk;
	}

	@Override
	public String username() {
		return getUsername();
	}

	@Override
	public NodeId node() {
		return this.node;
	}

	@Override
	public String desk() {
		return this.desk;
	}

	static String authorityOf(NodeId node) {
		return "NODE_" + node.code();
	}

}
