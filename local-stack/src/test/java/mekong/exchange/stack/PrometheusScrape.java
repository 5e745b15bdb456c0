package mekong.exchange.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mekong.exchange.testing.FreePorts;

/**
 * A real Prometheus (Debian package {@code prometheus}) scraping a local stack with the
 * repository's own configuration and alert rules
 * ({@code ops/prometheus/local-stack.yml}), pointed at the stack's ports.
 */
final class PrometheusScrape implements AutoCloseable {

	private final Process process;

	private final int port;

	private PrometheusScrape(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Whether Prometheus is installed; CI installs it, a developer's machine may not have
	 * it.
	 */
	static boolean available() {
		return onPath("prometheus");
	}

	static PrometheusScrape of(StackPorts ports, Path data) throws IOException {
		Path folder = Files.createDirectories(data.resolve("prometheus"));
		Path config = Path.of("..", "ops", "prometheus");
		String settings = Files.readString(config.resolve("local-stack.yml"));
		for (String node : LocalStack.NODES) {
			settings = settings.replace("localhost:" + StackPorts.demo().managementOf(node),
					"localhost:" + ports.managementOf(node));
		}
		Files.writeString(folder.resolve("local-stack.yml"),
				settings.replace("scrape_interval: 15s", "scrape_interval: 1s"));
		Files.copy(config.resolve("alerts.yml"), folder.resolve("alerts.yml"));
		int port = FreePorts.next();
		Process process = new ProcessBuilder("prometheus", "--config.file=" + folder.resolve("local-stack.yml"),
				"--storage.tsdb.path=" + folder.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("prometheus.log").toFile())
			.start();
		return new PrometheusScrape(process, port);
	}

	/**
	 * The JSON answer of Prometheus's query API to {@code query}, or an empty string
	 * while it is not up.
	 */
	String query(String query) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/query?query="
				+ URLEncoder.encode(query, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException notUpYet) {
			return "";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
		}
	}

	static boolean onPath(String command) {
		try {
			return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
