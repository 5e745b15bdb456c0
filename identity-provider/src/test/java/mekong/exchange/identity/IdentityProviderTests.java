package mekong.exchange.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider on a real port, as the nodes and desks use it: a desk's system gets a
 * token with the client credentials grant, a desk officer logs in through the login page
 * with the authorization code grant and PKCE; every token names the node and desk. A
 * service (a node's login at the schema registry) gets a token carrying its groups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mekong.identity.desks[0].username=desk.laho",
				"mekong.identity.desks[0].password={noop}demo-laho", "mekong.identity.desks[0].node=LA-HO",
				"mekong.identity.desks[0].desk=houaphan-hotline", "mekong.identity.desks[1].username=chief.laho",
				"mekong.identity.desks[1].password={noop}demo-chief", "mekong.identity.desks[1].node=LA-HO",
				"mekong.identity.desks[1].desk=houaphan-command", "mekong.identity.desks[1].roles=supervisor",
				"mekong.identity.consoles[0].client-id=console-LA-HO",
				"mekong.identity.consoles[0].client-secret={noop}console-secret",
				"mekong.identity.consoles[0].redirect-uri=http://localhost:8082/login/oauth2/code/mekong",
				"mekong.identity.consoles[0].post-logout-redirect-uri=http://localhost:8082/console/login?logout",
				"mekong.identity.services[0].client-id=registry-laho",
				"mekong.identity.services[0].client-secret={noop}registry-secret",
				"mekong.identity.services[0].groups=sr-developer" })
class IdentityProviderTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String REDIRECT = "http://localhost:8082/login/oauth2/code/mekong";

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void aDesksSystemGetsATokenNamingItsNodeAndDeskWithItsAccount() throws Exception {
		HttpResponse<String> granted = token("desk.laho", "demo-laho", Map.of("grant_type", "client_credentials"));
		HttpResponse<String> refused = token("desk.laho", "not-the-password",
				Map.of("grant_type", "client_credentials"));

		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
		JsonNode claims = claimsOf(JSON.readTree(granted.body()).get("access_token").asString());
		assertThat(claims.get("mekong_node").asString()).isEqualTo("LA-HO");
		assertThat(claims.get("mekong_desk").asString()).isEqualTo("houaphan-hotline");
		assertThat(claims.get("preferred_username").asString()).isEqualTo("desk.laho");
		assertThat(claims.get("iss").asString()).isEqualTo(url(""));
		assertThat(audienceOf(claims)).containsExactly("mekong-desk-api-LA-HO");
		assertThat(claims.get("client_id").asString()).isEqualTo("desk.laho");
		assertThat(headerOf(JSON.readTree(granted.body()).get("access_token").asString()).get("typ").asString())
			.isEqualTo("at+jwt");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(claims.has("mekong_roles")).as("a desk with no role but its desk's").isFalse();
	}

	@Test
	void aSupervisorsTokenSaysSo() throws Exception {
		HttpResponse<String> granted = token("chief.laho", "demo-chief", Map.of("grant_type", "client_credentials"));

		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
		JsonNode claims = claimsOf(JSON.readTree(granted.body()).get("access_token").asString());
		assertThat(claims.get("mekong_roles").get(0).asString()).isEqualTo("supervisor");
		assertThat(claims.get("mekong_desk").asString()).isEqualTo("houaphan-command");
	}

	@Test
	void aServiceGetsATokenCarryingItsGroupsAndADeskNone() throws Exception {
		HttpResponse<String> service = token("registry-laho", "registry-secret",
				Map.of("grant_type", "client_credentials"));
		HttpResponse<String> desk = token("desk.laho", "demo-laho", Map.of("grant_type", "client_credentials"));

		assertThat(service.statusCode()).as(service.body()).isEqualTo(200);
		JsonNode claims = claimsOf(JSON.readTree(service.body()).get("access_token").asString());
		assertThat(claims.get("groups").valueStream().map(JsonNode::asString)).containsExactly("sr-developer");
		assertThat(claims.has("mekong_node")).isFalse();
		assertThat(claimsOf(JSON.readTree(desk.body()).get("access_token").asString()).has("groups")).isFalse();
	}

	/**
	 * As Apicurio Registry asks when a node logs in to it: client id and secret in the
	 * form, at the token endpoint with a slash appended.
	 */
	@Test
	void aServiceGetsATokenAtTheTokenEndpointWithATrailingSlash() throws Exception {
		HttpResponse<String> granted = post(url("/oauth2/token/"), null, Map.of("grant_type", "client_credentials",
				"client_id", "registry-laho", "client_secret", "registry-secret"));

		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
		assertThat(claimsOf(JSON.readTree(granted.body()).get("access_token").asString()).get("sub").asString())
			.isEqualTo("registry-laho");
	}

	@Test
	void aDeskOfficerLogsInThroughTheLoginPageWithPkceAndGetsTokensNamingTheNodeAndDesk() throws Exception {
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String authorize = url("/oauth2/authorize?response_type=code&client_id=console-LA-HO&scope=openid%20profile"
				+ "&state=s1&redirect_uri=" + encode(REDIRECT) + "&code_challenge=" + challenge
				+ "&code_challenge_method=S256");

		HttpResponse<String> toLogin = get(authorize);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		HttpResponse<String> loginPage = get(toLogin.headers().firstValue("Location").orElseThrow());
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(csrf.find()).as(loginPage.body()).isTrue();
		HttpResponse<String> loggedIn = post(url("/login"), null,
				Map.of("username", "desk.laho", "password", "demo-laho", "_csrf", csrf.group(1)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> back = get(loggedIn.headers().firstValue("Location").orElseThrow());
		String redirect = back.headers().firstValue("Location").orElseThrow();
		assertThat(redirect).startsWith(REDIRECT + "?code=");
		String code = URI.create(redirect).getQuery().replaceAll(".*code=([^&]+).*", "$1");

		HttpResponse<String> withoutVerifier = token("console-LA-HO", "console-secret",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
		assertThat(withoutVerifier.statusCode()).isEqualTo(400);
		HttpResponse<String> tokens = token("console-LA-HO", "console-secret", Map.of("grant_type",
				"authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		JsonNode idToken = claimsOf(JSON.readTree(tokens.body()).get("id_token").asString());
		assertThat(idToken.get("sub").asString()).isEqualTo("desk.laho");
		assertThat(idToken.get("mekong_node").asString()).isEqualTo("LA-HO");
		assertThat(audienceOf(idToken)).as("an ID token is for the console").containsExactly("console-LA-HO");
		assertThat(headerOf(JSON.readTree(tokens.body()).get("id_token").asString()).path("typ").asString())
			.isNotEqualTo("at+jwt");
		assertThat(claimsOf(JSON.readTree(tokens.body()).get("access_token").asString()).get("mekong_desk").asString())
			.isEqualTo("houaphan-hotline");
		HttpResponse<String> userInfo = this.http.send(HttpRequest.newBuilder(URI.create(url("/userinfo")))
			.header("Authorization", "Bearer " + JSON.readTree(tokens.body()).get("access_token").asString())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(userInfo.statusCode()).as("the console's login asks for the officer's profile")
			.as(userInfo.headers().map().toString())
			.isEqualTo(200);
		assertThat(JSON.readTree(userInfo.body()).get("sub").asString()).isEqualTo("desk.laho");
	}

	@Test
	void refusesALoginRequestWithoutPkce() throws Exception {
		HttpResponse<String> refused = get(url("/oauth2/authorize?response_type=code&client_id=console-LA-HO"
				+ "&scope=openid&state=s2&redirect_uri=" + encode(REDIRECT)));

		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT)
			.contains("error=invalid_request");
	}

	private HttpResponse<String> token(String client, String secret, Map<String, String> form) throws Exception {
		return post(url("/oauth2/token"), client + ":" + secret, form);
	}

	private HttpResponse<String> post(String url, String basic, Map<String, String> form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.entrySet()
				.stream()
				.map((field) -> field.getKey() + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"))));
		if (basic != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : url(url)))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static JsonNode claimsOf(String jwt) {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	/** A JWT's {@code aud}: one string, or an array of them. */
	private static List<String> audienceOf(JsonNode claims) {
		JsonNode audience = claims.get("aud");
		return audience.isArray() ? audience.valueStream().map(JsonNode::asString).toList()
				: List.of(audience.asString());
	}

	private static JsonNode headerOf(String jwt) {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
