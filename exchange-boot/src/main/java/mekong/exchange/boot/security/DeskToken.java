package mekong.exchange.boot.security;

import java.util.List;

import mekong.exchange.core.node.NodeId;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * A hotline desk authenticated by a bearer token of the province's identity provider: the
 * token's {@value #NODE_CLAIM} claim names the node it acts for and {@value #DESK_CLAIM}
 * the desk, and {@value #ROLES_CLAIM} holds {@value #SUPERVISOR_ROLE} for a supervisor of
 * the node's desks. A token without a valid node claim authenticates nobody for any node.
 */
public final class DeskToken extends AbstractAuthenticationToken {

	static final String NODE_CLAIM = "mekong_node";

	static final String DESK_CLAIM = "mekong_desk";

	static final String ROLES_CLAIM = "mekong_roles";

	static final String SUPERVISOR_ROLE = "supervisor";

	/** The JWT {@code typ} of an access token (RFC 9068). */
	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	/** The client a token was issued to (RFC 9068); OpenID Connect's {@code azp} else. */
	static final String CLIENT_CLAIM = "client_id";

	private final Jwt token;

	private final Principal principal;

	/** The desk a token speaks for. */
	record Principal(String username, NodeId node, String desk, boolean supervisor) implements Desk {
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
			Principal desk = deskIn(jwt);
			return new DeskToken(jwt, desk, (desk != null) ? authoritiesOf(desk) : List.of());
		};
	}

	/**
	 * The desk that claims Spring Security has already verified name (a bearer token's,
	 * or a logged-in officer's ID token's), null if they name no node.
	 */
	static Principal deskIn(ClaimAccessor claims) {
		String node = claims.getClaimAsString(NODE_CLAIM);
		if (!NodeId.isValid(node)) {
			return null;
		}
		String username = (claims.getClaimAsString("preferred_username") != null)
				? claims.getClaimAsString("preferred_username") : claims.getClaimAsString(JwtClaimNames.SUB);
		String desk = (claims.getClaimAsString(DESK_CLAIM) != null) ? claims.getClaimAsString(DESK_CLAIM) : username;
		List<String> roles = claims.hasClaim(ROLES_CLAIM) ? claims.getClaimAsStringList(ROLES_CLAIM) : List.of();
		return new Principal(username, NodeId.of(node), desk, roles.contains(SUPERVISOR_ROLE));
	}

	/**
	 * Takes tokens issued to one of {@code clients}, or to any client if there are none.
	 */
	static OAuth2TokenValidator<Jwt> clientValidator(List<String> clients) {
		return (jwt) -> {
			String client = (jwt.hasClaim(CLIENT_CLAIM)) ? jwt.getClaimAsString(CLIENT_CLAIM)
					: jwt.getClaimAsString(IdTokenClaimNames.AZP);
			if (clients.isEmpty() || clients.contains(client)) {
				return OAuth2TokenValidatorResult.success();
			}
			return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
					"The token was issued to a client the desk API does not take tokens of", null));
		};
	}

	/** What {@code desk} may do: act for its node. */
	static List<GrantedAuthority> authoritiesOf(Principal desk) {
		return List.of(new SimpleGrantedAuthority(Desk.authorityOf(desk.node())));
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
