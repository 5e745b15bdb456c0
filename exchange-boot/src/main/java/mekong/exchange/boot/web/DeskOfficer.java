package mekong.exchange.boot.web;

import java.util.List;

import mekong.exchange.core.node.NodeId;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A desk officer logged in to the console through the province's identity provider: the
 * ID token's {@value DeskToken#NODE_CLAIM} claim names the node, as in the desk API's
 * bearer tokens. An officer whose token names no node cannot log in.
 */
final class DeskOfficer extends DefaultOidcUser implements Desk {

	private final NodeId node;

	private final String desk;

	private DeskOfficer(OidcUser user, List<GrantedAuthority> authorities, NodeId node, String desk) {
		super(authorities, user.getIdToken(), user.getUserInfo(), "sub");
		this.node = node;
		this.desk = desk;
	}

	/** Reads the officer's node and desk from what the provider vouched for. */
	static OAuth2UserService<OidcUserRequest, OidcUser> service() {
		OidcUserService provider = new OidcUserService();
		return (request) -> {
			OidcUser user = provider.loadUser(request);
			String node = user.getClaimAsString(DeskToken.NODE_CLAIM);
			if (!NodeId.isValid(node)) {
				throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
						"The identity provider names no node for " + user.getSubject(), null));
			}
			String desk = (user.getClaimAsString(DeskToken.DESK_CLAIM) != null)
					? user.getClaimAsString(DeskToken.DESK_CLAIM) : user.getSubject();
			return new DeskOfficer(user, List.of(new SimpleGrantedAuthority(DeskUser.authorityOf(NodeId.of(node)))),
					NodeId.of(node), desk);
		};
	}

	@Override
	public String username() {
		return (getPreferredUsername() != null) ? getPreferredUsername() : getSubject();
	}

	@Override
	public NodeId node() {
		return this.node;
	}

	@Override
	public String desk() {
		return this.desk;
	}

}
