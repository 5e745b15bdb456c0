package mekong.exchange.stack;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A desk officer's browser at a node's console, as far as the tests need one: it keeps
 * cookies, follows no redirect by itself, and logs in through the identity provider
 * (authorization code with PKCE) as a person does, page by page.
 */
final class ConsoleBrowser {

	private final HttpClient http;

	private ConsoleBrowser(HttpClient http) {
		this.http = http;
	}

	/** A browser for plain HTTP, or for HTTPS trusting {@code tls} (null: plain). */
	static ConsoleBrowser open(SSLContext tls) {
		HttpClient.Builder http = HttpClient.newBuilder().cookieHandler(new CookieManager());
		if (tls != null) {
			http.sslContext(tls);
		}
		return new ConsoleBrowser(http.build());
	}

	/** Asks for a page, as a browser does. */
	HttpResponse<String> page(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a form, as a browser does. */
	HttpResponse<String> post(String url, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Calls the desk API as the console's script does, with the session. */
	HttpResponse<String> call(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Mekong-Console", "1").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Logs in at the console at {@code console} with a desk account at the identity
	 * provider {@code identity}: from the console's login link to the provider's login
	 * page, the form, and back to the console with a code.
	 * @return the provider's authorization request the console sent the browser to
	 */
	String logIn(String console, String identity, String username, String password) throws Exception {
		String authorize = page(console + "/console/oauth2/authorization/mekong").headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(authorize).startsWith(identity + "/oauth2/authorize?");
		String loginPage = page(authorize).headers().firstValue("Location").orElseThrow();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page(loginPage).body());
		assertThat(csrf.find()).as("the identity provider's login page").isTrue();
		HttpResponse<String> loggedIn = post(loginPage, "username=" + username + "&password=" + password + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
		String callback = page(loggedIn.headers().firstValue("Location").orElseThrow()).headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(callback).startsWith(console + "/console/login/oauth2/code/mekong?code=");
		assertThat(page(callback).headers().firstValue("Location")).hasValue(console + "/console/inbox");
		return authorize;
	}

}
