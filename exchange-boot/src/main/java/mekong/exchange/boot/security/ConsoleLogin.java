package mekong.exchange.boot.security;

/**
 * Where the desk console sends a desk officer to log in through the province's OpenID
 * Connect provider, registered as the Spring Security OAuth2 client
 * {@value #REGISTRATION} ({@code spring.security.oauth2.client.registration.mekong.*}).
 */
public final class ConsoleLogin {

	/** The client registration of the console at the identity provider. */
	public static final String REGISTRATION = "mekong";

	/** Starts a login at the identity provider. */
	public static final String START = "/console/oauth2/authorization/" + REGISTRATION;

	static final String AUTHORIZATION_BASE = "/console/oauth2/authorization";

	/** Where the identity provider sends the officer back with a code. */
	static final String CALLBACK = "/console/login/oauth2/code/*";

	private ConsoleLogin() {
	}

}
