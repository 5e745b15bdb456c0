package mekong.exchange.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mekong.exchange.consumer.ConsumerApplication;
import mekong.exchange.infra.FreePorts;

/**
 * The consumer side of a node (its router and its receiver) in a JVM of its own, so that
 * a test can kill it with SIGKILL as a power cut would, and start it again.
 */
final class ChildNode implements AutoCloseable {

	private final List<String> command;

	private final Path log;

	private final int managementPort;

	private Process process;

	ChildNode(String node, String bootstrapServers, String registry, Path log, String... settings) {
		this.log = log;
		this.managementPort = FreePorts.next();
		this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				ConsumerApplication.class.getName(), "--mekong.node.id=" + node,
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--mekong.registry.url=" + registry,
				"--server.port=0", "--management.server.port=" + this.managementPort, "--spring.main.banner-mode=off"));
		this.command.addAll(List.of(settings));
	}

	/** Starts the process and waits until its health endpoint answers UP. */
	ChildNode start(Duration timeout) {
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The child node exited during start-up; see " + this.log);
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"")) {
					return this;
				}
			}
			catch (IOException notUpYet) {
				// the management port opens late in the start-up
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			waitFor(this.process, 200);
		}
		throw new IllegalStateException(
				"The child node did not become healthy within " + timeout + "; see " + this.log);
	}

	/**
	 * SIGKILL: no shutdown hook, no transaction commit, no leaving the consumer group.
	 */
	void kill() {
		this.process.destroyForcibly();
		waitFor(this.process, 10_000);
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			waitFor(this.process, 15_000);
			this.process.destroyForcibly();
		}
	}

	private static void waitFor(Process process, long millis) {
		try {
			process.waitFor(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
