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
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the events of 22 July 2022 on National Highway 6A (suspects, route, seizure) at
 * Son La's desk, addressed to Houaphan, through the desk API like an officer would, once
 * per data directory. Each request carries an Idempotency-Key, so an interrupted seeding
 * that is run again does not file anything twice.
 */
final class SeedCase {

	private static final List<String> ALERTS = List.of("suspect-alert.json", "route-alert.json", "seizure-report.json");

	private static final Logger log = LoggerFactory.getLogger(SeedCase.class);

	private static final String MARKER = "seeded-nh6a-2022-07-22";

	private final Path data;

	private final String sonLaDesk;

	SeedCase(Path data, String sonLaDesk) {
		this.data = data;
		this.sonLaDesk = sonLaDesk;
	}

	/**
	 * Files the case unless this data directory already has it, and writes down the alert
	 * id of each example, one {@code <example> <alertId>} line each, in the marker file;
	 * returns the alert ids filed now.
	 */
	List<String> fileOnce() {
		Path marker = this.data.resolve(MARKER);
		if (Files.exists(marker)) {
			log.info("The NH6A case was seeded on an earlier start ({}); not filing it again", marker);
			return List.of();
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<String> filed = new ArrayList<>();
		StringBuilder ids = new StringBuilder();
		for (String alert : ALERTS) {
			String alertId = file(http, alert);
			filed.add(alertId);
			ids.append(alert.replace(".json", "")).append(' ').append(alertId).append(System.lineSeparator());
		}
		try {
			Files.writeString(marker, ids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Seeded the NH6A case of 22 July 2022 at VN-05 for LA-HO: {} (ids in {})", filed, marker);
		return filed;
	}

	private String file(HttpClient http, String alert) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sonLaDesk + "/api/v1/alerts"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("desk.vn05:demo-vn05".getBytes(StandardCharsets.UTF_8)))
			.header("Idempotency-Key", "seed-nh6a-2022-07-22-" + alert)
			.POST(HttpRequest.BodyPublishers.ofString(read(alert)))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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
