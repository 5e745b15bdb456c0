package mekong.exchange.boot.security;

import mekong.exchange.core.node.NodeId;
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

	private final DeskToken.Principal desk;

	private DeskOfficer(OidcUser user, DeskToken.Principal desk) {
		super(DeskToken.authoritiesOf(desk), user.getIdToken(), user.getUserInfo(), "sub");
		this.desk = desk;
	}

	/**
	 * Reads the officer's node and desk from what the provider vouched for, as the desk
	 * API reads them from a bearer token.
	 */
	static OAuth2UserService<OidcUserRequest, OidcUser> service() {
		OidcUserService provider = new OidcUserService();
		return (request) -> {
			OidcUser user = provider.loadUser(request);
			DeskToken.Principal desk = DeskToken.deskIn(user);
			if (desk == null) {
				throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
						"The identity provider names no node for " + user.getSubject(), null));
			}
			return new DeskOfficer(user, desk);
		};
	}

	@Override
	public String username() {
		return this.desk.username();
	}

	@Override
	public NodeId node() {
		return this.desk.node();
	}

	@Override
	public String desk() {
		return this.desk.desk();
	}

	@Override
	public boolean supervisor() {
		return this.desk.supervisor();
	}

}
