package mekong.exchange.boot.web;

import java.util.List;

import mekong.exchange.core.node.NodeId;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A logged-in hotline desk, and the node it acts for. */
public final class DeskUser extends User {

	private final NodeId node;

	private final String desk;

	DeskUser(String username, String password, NodeId node, String desk) {
		super(username, password, List.of(new SimpleGrantedAuthority(authorityOf(node))));
		this.node = node;
		this.desk = desk;
	}

	public NodeId node() {
		return this.node;
	}

	public String desk() {
		return this.desk;
	}

	static String authorityOf(NodeId node) {
		return "NODE_" + node.code();
	}

}
