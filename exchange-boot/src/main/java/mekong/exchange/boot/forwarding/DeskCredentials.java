package mekong.exchange.boot.forwarding;

import java.io.IOException;

import mekong.exchange.boot.problems.Problems;
import mekong.exchange.boot.security.DeskToken;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

/**
 * The desk's own credentials, on each call one instance of the node passes on to another:
 * the bearer token the desk called with, or the access token of the officer's console
 * login, which Spring Security renews with its refresh token when it has expired. The
 * instance called checks the token as it checks any desk's.
 */
final class DeskCredentials implements ClientHttpRequestInterceptor {

	private final ObjectProvider<OAuth2AuthorizedClientManager> consoleLogins;

	DeskCredentials(ObjectProvider<OAuth2AuthorizedClientManager> consoleLogins) {
		this.consoleLogins = consoleLogins;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization());
		return execution.execute(request, body);
	}

	/**
	 * The {@code Authorization} header of the desk whose call this thread is answering.
	 * @throws ErrorResponseException 401 if its console login can no longer be renewed
	 */
	String authorization() {
		Authentication desk = SecurityContextHolder.getContext().getAuthentication();
		if (desk instanceof DeskToken token) {
			return "Bearer " + ((Jwt) token.getCredentials()).getTokenValue();
		}
		OAuth2AuthorizedClientManager logins = this.consoleLogins.getIfAvailable();
		if (desk instanceof OAuth2AuthenticationToken login && logins != null) {
			OAuth2AuthorizedClient console;
			try {
				console = logins.authorize(
						OAuth2AuthorizeRequest.withClientRegistrationId(login.getAuthorizedClientRegistrationId())
							.principal(login)
							.build());
			}
			catch (OAuth2AuthorizationException ended) {
				throw loginAgain(ended);
			}
			if (console == null) {
				throw loginAgain(null);
			}
			return "Bearer " + console.getAccessToken().getTokenValue();
		}
		throw new IllegalStateException("No desk credentials to pass on for " + desk);
	}

	private static ErrorResponseException loginAgain(Throwable cause) {
		return new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.detail(HttpStatus.UNAUTHORIZED,
				"Login ended", "Your console login has ended at the identity provider: log in again"), cause);
	}

}
