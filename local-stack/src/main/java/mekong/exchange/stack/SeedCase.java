package mekong.exchange.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a case of the README through the desk API, like officers would, once per data
 * directory: each filing at its node's desk, as that desk's demo account. Each request
 * carries an Idempotency-Key, so an interrupted seeding that is run again does not file
 * anything twice.
 */
final class SeedCase {

	/** One alert of a case: the example file, filed at {@code node}. */
	record Filing(String node, String example) {
	}

	private static final Logger log = LoggerFactory.getLogger(SeedCase.class);

	/** How often a filing answered 503 (the node is opening its views) is tried again. */
	private static final int MAX_RETRIES = 60;

	private final Path data;

	private final String name;

	private final String description;

	private final List<Filing> filings;

	private final Function<String, String> deskUrls;

	private final BinaryOperator<String> tokens;

	/**
	 * @param name the case's name, in its marker file's and its idempotency keys
	 * @param deskUrls the desk API's address of a node
	 * @param tokens a bearer token for a desk account and its password, from the stack's
	 * identity provider
	 */
	SeedCase(Path data, String name, String description, List<Filing> filings, Function<String, String> deskUrls,
			BinaryOperator<String> tokens) {
		this.data = data;
		this.name = name;
		this.description = description;
		this.filings = filings;
		this.deskUrls = deskUrls;
		this.tokens = tokens;
	}

	/**
	 * The events of 22 July 2022 on National Highway 6A (suspects, route, seizure) at Son
	 * La's desk, and Thanh Hoa's own report on one of the suspects, written the
	 * Vietnamese way (another word order, diacritics), all addressed to Houaphan, whose
	 * desk then sees the two reports of the same man linked.
	 */
	static SeedCase nh6a(Path data, Function<String, String> deskUrls, BinaryOperator<String> tokens) {
		return new SeedCase(data, "nh6a-2022-07-22", "the NH6A case of 22 July 2022",
				List.of(new Filing("VN-05", "suspect-alert.json"), new Filing("VN-05", "route-alert.json"),
						new Filing("VN-05", "seizure-report.json"),
						new Filing("VN-21", "thanh-hoa-suspect-alert.json")),
				deskUrls, tokens);
	}

	/**
	 * Across the Moc Bai–Bavet crossing in March 2024: Tay Ninh's alert to Svay Rieng on
	 * a Cambodian bus hand named in Khmer script, with his romanized name as an alias,
	 * and Svay Rieng's earlier report to Tay Ninh on the same man, romanized another way
	 * and written in Khmer: each desk's page of the other's report names its own as
	 * possibly the same person.
	 */
	static SeedCase mocBaiBavet(Path data, Function<String, String> deskUrls, BinaryOperator<String> tokens) {
		return new SeedCase(data, "moc-bai-bavet-2024-03-08", "the Moc Bai-Bavet case of 8 March 2024",
				List.of(new Filing("KH-20", "svay-rieng-suspect-report.json"),
						new Filing("VN-37", "tay-ninh-suspect-alert.json")),
				deskUrls, tokens);
	}

	/**
	 * Files the case unless this data directory already has it, and writes down the alert
	 * id of each example, one {@code <example> <alertId>} line each, in the marker file
	 * {@code seeded-<name>}; returns the alert ids filed now.
	 */
	List<String> fileOnce() {
		Path marker = this.data.resolve("seeded-" + this.name);
		if (Files.exists(marker)) {
			log.info("{} was seeded on an earlier start ({}); not filing it again", this.description, marker);
			return List.of();
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<String> filed = new ArrayList<>();
		StringBuilder ids = new StringBuilder();
		for (Filing filing : this.filings) {
			String alertId = file(http, this.deskUrls.apply(filing.node()),
					this.tokens.apply(LocalStack.deskLoginOf(filing.node()), LocalStack.deskPasswordOf(filing.node())),
					filing.example());
			filed.add(alertId);
			ids.append(filing.example().replace(".json", ""))
				.append(' ')
				.append(alertId)
				.append(System.lineSeparator());
		}
		try {
			Files.writeString(marker, ids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Seeded {}: {} (ids in {})", this.description, filed, marker);
		return filed;
	}

	private String file(HttpClient http, String desk, String token, String alert) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(desk + "/api/v1/alerts"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", "seed-" + this.name + "-" + alert)
			.POST(HttpRequest.BodyPublishers.ofString(read(alert)))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			// A node whose views are still opening answers 503 with Retry-After; the same
			// Idempotency-Key makes trying again safe.
			for (int retry = 0; response.statusCode() == 503 && retry < MAX_RETRIES; retry++) {
				Thread
					.sleep(Duration.ofSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1)).toMillis());
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"Seeding " + alert + " failed: HTTP " + response.statusCode() + " " + response.body());
			}
			String location = response.headers().firstValue("Location").orElseThrow();
			return location.substring(location.lastIndexOf('/') + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Seeding " + alert + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while seeding", ex);
		}
	}

	private static String read(String alert) {
		try (InputStream in = SeedCase.class.getResourceAsStream("/local-stack/seed/" + alert)) {
			if (in == null) {
				throw new IllegalStateException("Seed alert " + alert + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
