package mekong.exchange.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mekong.exchange.consumer.ConsumerApplication;
import mekong.exchange.producer.ProducerApplication;

/**
 * One side of a node in a JVM of its own, so that a test can kill it with SIGKILL as a
 * power cut would, and start it again: the sending side (router and sender view,
 * {@link #sending}) or the receiving side (receiver and inbox, {@link #receiving}). All
 * its ports are chosen by the system: a port picked in advance could be taken meanwhile
 * by one of the many client connections of the test.
 */
final class ChildNode implements AutoCloseable {

	private final String started;

	private final List<String> command;

	private final Path log;

	private Process process;

	/**
	 * The sending side of {@code node}.
	 * @param settings on top of the usual ones, replacing one of the same key (for
	 * example {@code --server.port=…})
	 */
	static ChildNode sending(String node, String bootstrapServers, String registry, Path log, String... settings) {
		return new ChildNode(ProducerApplication.class, node, bootstrapServers, registry, log, settings);
	}

	/**
	 * The receiving side of {@code node}.
	 * @param settings on top of the usual ones, replacing one of the same key
	 */
	static ChildNode receiving(String node, String bootstrapServers, String registry, Path log, String... settings) {
		return new ChildNode(ConsumerApplication.class, node, bootstrapServers, registry, log, settings);
	}

	private ChildNode(Class<?> application, String node, String bootstrapServers, String registry, Path log,
			String... settings) {
		this.started = "Started " + application.getSimpleName();
		this.log = log;
		this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				application.getName(), "--mekong.node.id=" + node,
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--mekong.registry.url=" + registry,
				"--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off"));
		this.command.addAll(TestKeys.arguments(node));
		this.command.addAll(TestTokens.nodeArguments());
		for (String setting : settings) {
			String key = setting.substring(0, setting.indexOf('=') + 1);
			this.command.removeIf((argument) -> argument.startsWith(key));
			this.command.add(setting);
		}
	}

	/**
	 * Starts the process and waits until Spring Boot reports it started: topics loaded,
	 * listeners running.
	 */
	ChildNode start(Duration timeout) {
		long startsBefore = startsLogged();
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The child node exited during start-up; see " + this.log
						+ ", which ends with:\n" + tailOfLog());
			}
			if (startsLogged() > startsBefore) {
				return this;
			}
			waitFor(this.process, 200);
		}
		throw new IllegalStateException("The child node did not start within " + timeout + "; see " + this.log);
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

	private long startsLogged() {
		try {
			return Files.exists(this.log) ? Files.readAllLines(this.log, StandardCharsets.ISO_8859_1)
				.stream()
				.filter((line) -> line.contains(this.started))
				.count() : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String tailOfLog() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.ISO_8859_1);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
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
