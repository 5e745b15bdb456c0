package mekong.exchange.ops.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who owns each subject at Apicurio Registry, through its own API (the Confluent API has
 * no owners): with owner-only authorization on, only a subject's owner may write it.
 */
final class ArtifactOwners {

	/** Where the Confluent-compatible API sits in Apicurio's addresses. */
	static final String CONFLUENT_API = "/apis/ccompat/v7";

	static final String ARTIFACTS = "/apis/registry/v2/groups/default/artifacts/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final String artifacts;

	private final String authorization;

	private final Duration timeout;

	/**
	 * @param confluentApiUrl the registry's Confluent-compatible API, as the nodes call
	 * it
	 * @param userInfo {@code client:secret} of the registry's administrator
	 * @param tls whom to trust over HTTPS; null: the Java runtime's authorities
	 */
	ArtifactOwners(String confluentApiUrl, String userInfo, SSLContext tls, Duration timeout) {
		if (!confluentApiUrl.endsWith(CONFLUENT_API)) {
			throw new IllegalArgumentException("Not Apicurio Registry's Confluent-compatible API (it ends with "
					+ CONFLUENT_API + "): " + confluentApiUrl);
		}
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
		if (tls != null) {
			http.sslContext(tls);
		}
		this.http = http.build();
		this.artifacts = confluentApiUrl.substring(0, confluentApiUrl.length() - CONFLUENT_API.length()) + ARTIFACTS;
		this.authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
		this.timeout = timeout;
	}

	/** Gives {@code subject} to {@code client}. */
	void give(String subject, String client) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.artifacts + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/owner"))
			.timeout(this.timeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("owner", client))))
			.build();
		try {
			HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() / 100 != 2) {
				throw new IllegalStateException("The registry did not give " + subject + " to " + client + ": "
						+ answer.statusCode() + " " + answer.body());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The registry did not answer while giving " + subject + " to " + client, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while giving " + subject + " to " + client, ex);
		}
	}

}
