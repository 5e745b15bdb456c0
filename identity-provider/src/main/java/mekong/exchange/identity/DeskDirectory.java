package mekong.exchange.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The desks as users and clients of the provider, and the claims that tell a node which
 * node and desk a token acts for ({@value #NODE_CLAIM}, {@value #DESK_CLAIM}, as the
 * nodes' desk API reads them); and the other systems that call with their own client
 * credentials, their roles in the {@value #GROUPS_CLAIM} claim.
 */
@Configuration(proxyBeanMethods = false)
class DeskDirectory {

	static final String NODE_CLAIM = "mekong_node";

	static final String DESK_CLAIM = "mekong_desk";

	static final String ROLES_CLAIM = "mekong_roles";

	static final String GROUPS_CLAIM = "groups";

	/**
	 * The audience of a node's desk API, followed by the node's code: what the nodes
	 * expect by default ({@code spring.security.oauth2.resourceserver.jwt.audiences}).
	 */
	static final String DESK_API_AUDIENCE = "mekong-desk-api-";

	/** The JWT {@code typ} of an access token (RFC 9068), which the desk API requires. */
	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	static final String CLIENT_CLAIM = "client_id";

	/**
	 * Passwords and client secrets are configured encoded, with their encoding's id:
	 * {@code {bcrypt}…}, or {@code {noop}…} for the local stack's public demo values.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Reads this provider's own tokens where it takes them (its userinfo endpoint):
	 * Spring Security's checks, with RFC 9068 access tokens ({@value #ACCESS_TOKEN_TYPE})
	 * taken beside plain JWTs.
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwtProcessorCustomizer(
					(processor) -> processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
							new JOSEObjectType(ACCESS_TOKEN_TYPE), null)))
			.build();
		JwtTypeValidator types = new JwtTypeValidator("JWT", ACCESS_TOKEN_TYPE);
		types.setAllowEmpty(true);
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(types));
		return decoder;
	}

	/** Desk officers logging in to their node's console. */
	@Bean
	UserDetailsService deskUsers(IdentityProperties identity) {
		return (username) -> identity.desk(username)
			.map((desk) -> User.withUsername(desk.username()).password(desk.password()).roles("DESK").build())
			.orElseThrow(() -> new UsernameNotFoundException("No desk account " + username));
	}

	/**
	 * Each desk as a client of the desk API (client credentials grant), each node's
	 * console as a client of the login (authorization code grant with PKCE), and each
	 * service (client credentials grant).
	 */
	@Bean
	RegisteredClientRepository clients(IdentityProperties identity) {
		List<RegisteredClient> clients = new ArrayList<>();
		for (IdentityProperties.Desk desk : identity.desks()) {
			clients.add(clientCredentials("desk", desk.username(), desk.password()));
		}
		for (IdentityProperties.Console console : identity.consoles()) {
			clients.add(RegisteredClient
				.withId(UUID.nameUUIDFromBytes(("console:" + console.clientId()).getBytes(StandardCharsets.UTF_8))
					.toString())
				.clientId(console.clientId())
				.clientSecret(console.clientSecret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUri(console.redirectUri())
				.postLogoutRedirectUri(console.postLogoutRedirectUri())
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.PROFILE)
				.clientSettings(
						ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
				.build());
		}
		for (IdentityProperties.Service service : identity.services()) {
			clients.add(clientCredentials("service", service.clientId(), service.clientSecret()));
		}
		return new InMemoryRegisteredClientRepository(clients);
	}

	/**
	 * A client of the client credentials grant, its secret sent either way, its scope
	 * named after its {@code kind}.
	 */
	private static RegisteredClient clientCredentials(String kind, String clientId, String secret) {
		return RegisteredClient
			.withId(UUID.nameUUIDFromBytes((kind + ":" + clientId).getBytes(StandardCharsets.UTF_8)).toString())
			.clientId(clientId)
			.clientSecret(secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(kind)
			.build();
	}

	/**
	 * Names the node and desk in every access token and ID token of a desk, whether the
	 * desk logged in (the token's subject is the user) or its system asked with the
	 * client credentials grant (the subject is the client, named like the desk), and
	 * makes a desk's access token an RFC 9068 one for its node's desk API (type,
	 * audience, client); gives a service's tokens its groups.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> deskClaims(IdentityProperties identity) {
		return (context) -> {
			boolean deskToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
					|| "id_token".equals(context.getTokenType().getValue());
			if (!deskToken) {
				return;
			}
			identity.desk(context.getPrincipal().getName()).ifPresent((desk) -> {
				context.getClaims()
					.claim(NODE_CLAIM, desk.node())
					.claim(DESK_CLAIM, desk.desk())
					.claim("preferred_username", desk.username());
				if (!desk.roles().isEmpty()) {
					context.getClaims().claim(ROLES_CLAIM, desk.roles());
				}
				if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
					context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
					context.getClaims()
						.audience(List.of(DESK_API_AUDIENCE + desk.node()))
						.claim(CLIENT_CLAIM, context.getRegisteredClient().getClientId());
				}
			});
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				identity.service(context.getPrincipal().getName())
					.ifPresent((service) -> context.getClaims().claim(GROUPS_CLAIM, service.groups()));
			}
		};
	}

}
