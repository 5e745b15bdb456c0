package mekong.exchange.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A desk officer logging in to a node's console as a browser does: the console sends them
 * to the identity provider (authorization code with PKCE), they log in on its page, and
 * the provider sends them back to the console with a code.
 */
public final class ConsoleLogIn {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private ConsoleLogIn() {
	}

	/**
	 * Logs {@code username} in.
	 * @param browser a client that keeps cookies and follows no redirects
	 * @param consoleUrl the node's desk API and console
	 * @return the console's answer to the provider's callback: back into the console,
	 * with the new session's cookie
	 */
	public static HttpResponse<String> logIn(HttpClient browser, String consoleUrl, String username, String password)
			throws IOException, InterruptedException {
		String authorize = locationOf(get(browser, consoleUrl + "/console/oauth2/authorization/mekong"));
		String loginPage = locationOf(get(browser, authorize));
		if (loginPage.startsWith(consoleUrl)) {
			throw new IllegalStateException("The identity provider sent the browser straight back: it is logged in"
					+ " there already (single sign-on); log " + username + " in with a browser of its own");
		}
		Matcher csrf = CSRF.matcher(get(browser, loginPage).body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token in the identity provider's login page " + loginPage);
		}
		HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(loginPage))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encoded(username) + "&password=" + encoded(password)
					+ "&_csrf=" + encoded(csrf.group(1))))
			.build(), HttpResponse.BodyHandlers.ofString());
		String callback = locationOf(get(browser, locationOf(loggedIn)));
		if (!callback.startsWith(consoleUrl + "/console/login/oauth2/code/")) {
			throw new IllegalStateException("The identity provider did not send " + username
					+ " back to the console with a code, but to " + callback);
		}
		return get(browser, callback);
	}

	private static HttpResponse<String> get(HttpClient browser, String url) throws IOException, InterruptedException {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String locationOf(HttpResponse<String> redirect) {
		return redirect.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException(
					"Expected a redirect from " + redirect.uri() + ", got HTTP " + redirect.statusCode()));
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
