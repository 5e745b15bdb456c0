package mekong.exchange.boot.web;

import java.util.List;

import mekong.exchange.core.node.NodeId;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A hotline desk authenticated by a bearer token of the province's identity provider: the
 * token's {@value #NODE_CLAIM} claim names the node it acts for and {@value #DESK_CLAIM}
 * the desk. A token without a valid node claim authenticates nobody for any node.
 */
final class DeskToken extends AbstractAuthenticationToken {

	static final String NODE_CLAIM = "mekong_node";

	static final String DESK_CLAIM = "mekong_desk";

	private final Jwt token;

	private final Principal principal;

	/** The desk a token speaks for. */
	record Principal(String username, NodeId node, String desk) implements Desk {
	}

	private DeskToken(Jwt token, Principal principal, List<GrantedAuthority> authorities) {
		super(authorities);
		this.token = token;
		this.principal = principal;
		setAuthenticated(true);
	}

	/**
	 * Reads the desk from a token Spring Security has already verified (signature,
	 * expiry, issuer).
	 */
	static Converter<Jwt, AbstractAuthenticationToken> converter() {
		return (jwt) -> {
			String node = jwt.getClaimAsString(NODE_CLAIM);
			String username = (jwt.getClaimAsString("preferred_username") != null)
					? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
			if (!NodeId.isValid(node)) {
				return new DeskToken(jwt, null, List.of());
			}
			String desk = (jwt.getClaimAsString(DESK_CLAIM) != null) ? jwt.getClaimAsString(DESK_CLAIM) : username;
			return new DeskToken(jwt, new Principal(username, NodeId.of(node), desk),
					List.of(new SimpleGrantedAuthority(DeskUser.authorityOf(NodeId.of(node)))));
		};
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public String getName() {
		return (this.principal != null) ? this.principal.username() : this.token.getSubject();
	}

}
