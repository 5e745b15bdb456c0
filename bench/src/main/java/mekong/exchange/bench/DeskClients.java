package mekong.exchange.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desk clients filing alerts at Son La's desk API ({@code POST /api/v1/alerts}, JSON, a
 * bearer token of Son La's desk account, a new one on 401), each on a thread of its own
 * and each filing its next alert once the last is answered. An alert starts when its
 * request does; it arrives at leg 0 when the answer, 201 Created with its id, is in.
 */
final class DeskClients {

	private static final Logger log = LoggerFactory.getLogger(DeskClients.class);

	private static final Pattern ALERT_ID = Pattern.compile("\"alertId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

	private final StackClients stack;

	private final int desks;

	private final URI alerts;

	private final AtomicLong next = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	DeskClients(StackClients stack, int desks) {
		this.stack = stack;
		this.desks = desks;
		this.alerts = URI.create(stack.deskUrl(StackClients.SON_LA) + "/api/v1/alerts");
	}

	/**
	 * Files alerts until the window of {@code arrivals} ends; returns how many requests
	 * were refused or failed.
	 */
	long fileUntilWindowEnds(Arrivals arrivals) throws InterruptedException {
		long end = arrivals.window().end();
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < this.desks; i++) {
			Thread desk = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						file(DeskAlerts.body(this.next.getAndIncrement()), arrivals);
					}
					catch (IOException ex) {
						if (this.refused.getAndIncrement() < 10) {
							log.warn("Filing an alert failed: {}", ex.toString());
						}
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "bench-desk-" + i);
			desk.start();
			clients.add(desk);
		}
		for (Thread desk : clients) {
			desk.join();
		}
		return this.refused.get();
	}

	private void file(String body, Arrivals arrivals) throws IOException, InterruptedException {
		for (int attempt = 0; attempt < 2; attempt++) {
			String token = (attempt == 0) ? this.stack.deskToken(StackClients.SON_LA)
					: this.stack.newDeskToken(StackClients.SON_LA);
			HttpRequest request = HttpRequest.newBuilder(this.alerts)
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			long started = System.nanoTime();
			HttpResponse<String> answer = this.stack.http().send(request, HttpResponse.BodyHandlers.ofString());
			long answered = System.nanoTime();
			if (answer.statusCode() == 401) {
				continue;
			}
			Matcher alertId = ALERT_ID.matcher(answer.body());
			if (answer.statusCode() == 201 && alertId.find()) {
				UUID id = UUID.fromString(alertId.group(1));
				arrivals.started(id, started);
				arrivals.arrived(0, id, answered);
				return;
			}
			if (this.refused.getAndIncrement() < 10) {
				log.warn("The desk API refused an alert: HTTP {} {}", answer.statusCode(), answer.body());
			}
			return;
		}
		this.refused.incrementAndGet();
	}

}
