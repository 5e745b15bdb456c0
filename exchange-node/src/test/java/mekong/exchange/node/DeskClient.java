package mekong.exchange.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/** A hotline desk talking to a node's desk API over real HTTP or HTTPS, as curl would. */
final class DeskClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final String baseUrl;

	private final String authorization;

	private DeskClient(String baseUrl, String authorization, SSLContext tls) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
	}

	/** A desk that sends a bearer token, as desks do. */
	static DeskClient withBearer(String baseUrl, String token) {
		return withBearer(baseUrl, token, defaultTls());
	}

	/** A desk that sends a bearer token over HTTPS, trusting {@code tls}. */
	static DeskClient withBearer(String baseUrl, String token, SSLContext tls) {
		return new DeskClient(baseUrl, "Bearer " + token, tls);
	}

	/** A caller without credentials (the management port, or a refused caller). */
	static DeskClient anonymous(String baseUrl) {
		return new DeskClient(baseUrl, null, defaultTls());
	}

	/** Where this client calls. */
	String baseUrl() {
		return this.baseUrl;
	}

	/** TLS that trusts the certificates {@code authority} (a PEM file) signed. */
	static SSLContext trusting(Path authority) {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(authority.toString())))
			.createSslContext();
	}

	private static SSLContext defaultTls() {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has a default TLS context", ex);
		}
	}

	Answer get(String path, String... headers) {
		HttpRequest.Builder request = request(path).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	Answer post(String path, String json, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return request;
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, String contentType, Map<String, List<String>> headers, String body) {

		Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		/**
		 * The answer's list; an answer that is not one (a problem while a store
		 * rebalances, say) fails as an assertion, so a test that awaits it tries again.
		 */
		List<Map<String, Object>> jsonList() {
			if (this.status != 200 || !this.body.stripLeading().startsWith("[")) {
				throw new AssertionError("not a list but " + this.status + ": " + this.body);
			}
			return JSON.readValue(this.body, List.class);
		}

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
