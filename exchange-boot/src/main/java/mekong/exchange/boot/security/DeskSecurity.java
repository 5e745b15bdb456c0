package mekong.exchange.boot.security;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.problems.ProblemErrorReportValve;
import mekong.exchange.boot.problems.ProblemResponses;
import mekong.exchange.boot.problems.RequestBodyLimit;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Desk access: every desk API call is authenticated, and a desk acts only for its own
 * node — a desk of another node is refused with 403. Desks authenticate with bearer
 * tokens of the province's identity provider (OAuth2/OIDC, verified by Spring Security's
 * resource server), and desk officers log in to the console there; the node keeps no
 * password. Refusals are RFC 9457 problem details like every other error. The actuator,
 * on the management port, exposes only health and Prometheus, health's details only to
 * the node's own tokens.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(DeskProperties.class)
class DeskSecurity {

	/** The header the desk console's script sends with each call of the desk API. */
	static final String CONSOLE_HEADER = "X-Mekong-Console";

	private static final String API = "/api/**";

	private static final String CONSOLE = "/console/**";

	private static final String CONSOLE_LOGIN = "/console/login";

	private static final String CONSOLE_ASSETS = "/console/assets/**";

	/**
	 * What the console's pages may load and do: their own scripts, styles and calls to
	 * their own node, nothing inline, and no framing by any other page. Spring Security's
	 * default headers add no caching (pages show alerts), nosniff, no framing, and HSTS
	 * on HTTPS.
	 */
	static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	/** Answers of the desk API are data: nothing in them may load or be framed. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain deskApi(HttpSecurity http, NodeProperties node, ObjectProvider<JwtDecoder> tokenDecoders,
			ObjectProvider<ClientRegistrationRepository> consoleLogins) throws Exception {
		http.securityMatcher(API)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(API_POLICY)))
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(Desk.authorityOf(node.id())))
			.exceptionHandling(
					(errors) -> errors.accessDeniedHandler(forbidden("This desk does not act for node " + node.id())));
		if (tokenDecoders.getIfAvailable() == null) {
			throw new IllegalStateException("Desks authenticate with bearer tokens: set"
					+ " spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri, or public-key-location)"
					+ " to the province's identity provider");
		}
		http.oauth2ResourceServer((tokens) -> tokens.jwt((jwt) -> jwt.jwtAuthenticationConverter(DeskToken.converter()))
			.authenticationEntryPoint(unauthorized("Bearer", "Send a valid bearer token of your desk")));
		if (consoleLogins.getIfAvailable() != null) {
			// The desk console logs in once and then calls this API with its session
			// cookie, so such calls must carry the session's CSRF token. Calls that
			// bring their own credentials need none and make no session.
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
				.csrf((csrf) -> csrf
					.ignoringRequestMatchers((request) -> request.getHeader(HttpHeaders.AUTHORIZATION) != null));
		}
		else {
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				// Authenticated on every request by its token, never by a cookie: no CSRF
				// token to protect.
				.csrf((csrf) -> csrf.disable());
		}
		return http.build();
	}

	/**
	 * The desk console's pages. Desk officers log in through the province's identity
	 * provider (authorization code with PKCE) when the console is registered there
	 * ({@link ConsoleLogin}); otherwise the console has no login.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain deskConsole(HttpSecurity http, NodeProperties node,
			ObjectProvider<ClientRegistrationRepository> consoleLogins) throws Exception {
		http.securityMatcher(CONSOLE)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONSOLE_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(CONSOLE_LOGIN, CONSOLE_ASSETS, ConsoleLogin.AUTHORIZATION_BASE + "/**",
						ConsoleLogin.CALLBACK)
				.permitAll()
				.anyRequest()
				.hasAuthority(Desk.authorityOf(node.id())))
			.exceptionHandling(
					(errors) -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(CONSOLE_LOGIN))
						.accessDeniedHandler(forbidden("This desk does not act for node " + node.id())));
		ClientRegistrationRepository registrations = consoleLogins.getIfAvailable();
		if (registrations != null) {
			DefaultOAuth2AuthorizationRequestResolver loginRequests = new DefaultOAuth2AuthorizationRequestResolver(
					registrations, ConsoleLogin.AUTHORIZATION_BASE);
			loginRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
			http.oauth2Login((login) -> login.loginPage(CONSOLE_LOGIN)
				.authorizationEndpoint((authorization) -> authorization.authorizationRequestResolver(loginRequests))
				.redirectionEndpoint((redirection) -> redirection.baseUri(ConsoleLogin.CALLBACK))
				.userInfoEndpoint((officers) -> officers.oidcUserService(DeskOfficer.service()))
				.defaultSuccessUrl("/console/inbox", true)
				.failureUrl(CONSOLE_LOGIN + "?error"));
		}
		http.logout((logout) -> {
			logout.logoutUrl("/console/logout").logoutSuccessUrl(CONSOLE_LOGIN + "?logout");
			if (registrations != null) {
				// Out of the identity provider too, which then sends the officer back
				// here.
				OidcClientInitiatedLogoutSuccessHandler provider = new OidcClientInitiatedLogoutSuccessHandler(
						registrations);
				provider.setPostLogoutRedirectUri("{baseUrl}" + CONSOLE_LOGIN + "?logout");
				logout.logoutSuccessHandler(provider);
			}
		});
		return http.build();
	}

	/**
	 * The actuator, on the management port: only health and Prometheus are exposed
	 * (mekong-node-defaults.yml), to anyone, so that orchestrators and Prometheus need no
	 * login; health's details (components, disk, Kafka) only to a caller with a bearer
	 * token of this node ({@code management.endpoint.health.roles}).
	 */
	@Bean
	@Order(3)
	SecurityFilterChain actuator(HttpSecurity http, ObjectProvider<JwtDecoder> tokenDecoders) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		if (tokenDecoders.getIfAvailable() != null) {
			http.oauth2ResourceServer(
					(tokens) -> tokens.jwt((jwt) -> jwt.jwtAuthenticationConverter(DeskToken.converter()))
						.authenticationEntryPoint(unauthorized("Bearer", "Send a valid bearer token of your node")));
		}
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/error").permitAll().anyRequest().denyAll())
			.build();
	}

	/**
	 * Bearer tokens are access tokens (RFC 9068: header {@code typ} {@code at+jwt}): an
	 * ID token of a console login, which names the desk's node too and travels in logout
	 * URLs, is refused. Spring Boot adds it to its own checks (signature, issuer, expiry,
	 * {@code spring.security.oauth2.resourceserver.jwt.audiences}) in place of its
	 * default {@code typ} check.
	 */
	@Bean
	JwtTypeValidator accessTokensOnly() {
		return new JwtTypeValidator(DeskToken.ACCESS_TOKEN_TYPE);
	}

	/**
	 * Bearer tokens of the clients {@code mekong.desk.clients} lists, if it lists any.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> allowedDeskClients(DeskProperties desk) {
		return DeskToken.clientValidator(desk.clients());
	}

	/**
	 * A request Spring Security's firewall refuses (encoded dots or slashes, a semicolon,
	 * a control character in its path) gets a problem detail, like every other refusal.
	 */
	@Bean
	RequestRejectedHandler problemForRejectedRequests() {
		return (request, response, rejected) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
				"The request path is refused: it holds encoded dots or slashes, a semicolon or a control character");
	}

	/** What Tomcat refuses before the node sees it is a problem detail too. */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemForTomcatRefusals() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			StandardHost host = (StandardHost) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			// The host adds a valve of this class when it starts, unless it has one.
			host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			host.getPipeline().addValve(new ProblemErrorReportValve());
		});
	}

	/** Oversized bodies are refused before security or Spring MVC reads anything. */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(DeskProperties desk) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(desk.maxRequestBody()));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Asks for credentials, except from the desk console, whose script sends
	 * {@value #CONSOLE_HEADER} and goes back to its login page itself: a challenge would
	 * make the browser show its own login dialog.
	 */
	private static AuthenticationEntryPoint unauthorized(String challenge, String detail) {
		return (request, response, exception) -> {
			if (request.getHeader(CONSOLE_HEADER) == null) {
				response.setHeader("WWW-Authenticate", challenge);
			}
			ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, detail);
		};
	}

	private static AccessDeniedHandler forbidden(String detail) {
		return (request, response, exception) -> ProblemResponses.write(request, response, HttpStatus.FORBIDDEN,
				(exception instanceof CsrfException)
						? "The console's session token is missing or stale: reload the page" : detail);
	}

}
