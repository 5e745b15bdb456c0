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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the events of 22 July 2022 on National Highway 6A (suspects, route, seizure) at
 * Son La's desk, and Thanh Hoa's own report on one of the suspects, written the
 * Vietnamese way (another word order, diacritics), all addressed to Houaphan, through the
 * desk API like an officer would, once per data directory. Houaphan's desk then sees the
 * two reports of the same man linked. Each request carries an Idempotency-Key, so an
 * interrupted seeding that is run again does not file anything twice.
 */
final class SeedCase {

	private static final List<String> SON_LA_ALERTS = List.of("suspect-alert.json", "route-alert.json",
			"seizure-report.json");

	private static final String THANH_HOA_ALERT = "thanh-hoa-suspect-alert.json";

	private static final Logger log = LoggerFactory.getLogger(SeedCase.class);

	private static final String MARKER = "seeded-nh6a-2022-07-22";

	/** How often a filing answered 503 (the node is opening its views) is tried again. */
	private static final int MAX_RETRIES = 60;

	private final Path data;

	private final String sonLaDesk;

	private final String thanhHoaDesk;

	private final BinaryOperator<String> tokens;

	/**
	 * @param tokens a bearer token for a desk account and its password, from the stack's
	 * identity provider
	 */
	SeedCase(Path data, String sonLaDesk, String thanhHoaDesk, BinaryOperator<String> tokens) {
		this.data = data;
		this.sonLaDesk = sonLaDesk;
		this.thanhHoaDesk = thanhHoaDesk;
		this.tokens = tokens;
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
		for (String alert : SON_LA_ALERTS) {
			String alertId = file(http, this.sonLaDesk, this.tokens.apply("desk.vn05", "demo-vn05"), alert);
			filed.add(alertId);
			ids.append(alert.replace(".json", "")).append(' ').append(alertId).append(System.lineSeparator());
		}
		String thanhHoa = file(http, this.thanhHoaDesk, this.tokens.apply("desk.vn21", "demo-vn21"), THANH_HOA_ALERT);
		filed.add(thanhHoa);
		ids.append(THANH_HOA_ALERT.replace(".json", "")).append(' ').append(thanhHoa).append(System.lineSeparator());
		try {
			Files.writeString(marker, ids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Seeded the NH6A case of 22 July 2022 at VN-05 and VN-21 for LA-HO: {} (ids in {})", filed, marker);
		return filed;
	}

	private String file(HttpClient http, String desk, String token, String alert) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(desk + "/api/v1/alerts"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", "seed-nh6a-2022-07-22-" + alert)
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
