package mekong.exchange.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka's MirrorMaker 2 in dedicated mode ({@code MirrorMaker}, module
 * {@code border-link}) in a JVM of its own, as a country runs it at home: Connect's Jetty
 * and Jersey differ from the nodes' (Spring Boot's), so it runs from the classpath its
 * build writes down. Its settings, passwords included, go through an owner-only file. The
 * Prometheus JMX exporter runs in it as a Java agent and publishes MirrorMaker's
 * replication metrics on {@code metricsPort}.
 */
public final class MirrorMakerProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MirrorMakerProcess.class);

	private static final String MAIN = "org.apache.kafka.connect.mirror.MirrorMaker";

	private static final String CLASSPATH_FILE = "mekong-border-link.classpath";

	private static final String AGENT_FILE = "mekong-border-link.agent";

	private static final String METRICS_FILE = "mekong-border-link-metrics.yml";

	private final ChildProcess process;

	private final String country;

	private final int metricsPort;

	private MirrorMakerProcess(ChildProcess process, String country, int metricsPort) {
		this.process = process;
		this.country = country;
		this.metricsPort = metricsPort;
	}

	/**
	 * Starts the MirrorMaker of {@code country} with {@code settings} (see
	 * {@code MirrorMakerSettings} in exchange-ops), its files and log in {@code data},
	 * and waits until it publishes metrics; it carries on from where it stopped before,
	 * as its progress is kept on the home cluster.
	 * @param metricsPort where the exporter serves Prometheus
	 */
	public static MirrorMakerProcess start(Path data, String country, Map<String, String> settings, int metricsPort,
			Duration timeout) {
		return start(data, country, settings, Map.of(), metricsPort, timeout);
	}

	/**
	 * The same, with {@code environment} added to the process's environment (settings may
	 * refer to its variables, {@code ${env:NAME}}).
	 */
	public static MirrorMakerProcess start(Path data, String country, Map<String, String> settings,
			Map<String, String> environment, int metricsPort, Duration timeout) {
		long started = System.nanoTime();
		try {
			Path folder = data.toAbsolutePath();
			Files.createDirectories(folder);
			Path settingsFile = folder.resolve("mirror-maker.properties");
			Files.deleteIfExists(settingsFile);
			SecretsFile.at(settingsFile, "Settings of the MirrorMaker of " + country + ", passwords included")
				.putAll(settings);
			Path metrics = folder.resolve(METRICS_FILE);
			try (InputStream exporterSettings = resource(METRICS_FILE)) {
				Files.copy(exporterSettings, metrics, StandardCopyOption.REPLACE_EXISTING);
			}
			ProcessBuilder command = new ProcessBuilder(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
					"-Dorg.slf4j.simpleLogger.showDateTime=true",
					"-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
					"-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common=warn",
					"-javaagent:" + text(AGENT_FILE) + "=localhost:" + metricsPort + ":" + metrics, "-cp",
					text(CLASSPATH_FILE), MAIN, settingsFile.toString(), "--clusters", country)
				.directory(folder.toFile());
			command.environment().putAll(environment);
			MirrorMakerProcess mirrorMaker = new MirrorMakerProcess(
					ChildProcess.start("MirrorMaker of " + country, command, folder.resolve("mirror-maker.log"),
							URI.create("http://localhost:" + metricsPort + "/metrics"), timeout),
					country, metricsPort);
			log.info("MirrorMaker 2 of {} up in {} ms, metrics at {}", country,
					(System.nanoTime() - started) / 1_000_000, mirrorMaker.metricsUrl());
			return mirrorMaker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the MirrorMaker of " + country, ex);
		}
	}

	/** Where Prometheus scrapes its metrics. */
	public String metricsUrl() {
		return "http://localhost:" + this.metricsPort + "/metrics";
	}

	/** Kills it at once (SIGKILL), as a crash would. */
	public void kill() {
		this.process.kill();
		log.info("MirrorMaker 2 of {} killed", this.country);
	}

	@Override
	public void close() {
		this.process.close();
		log.info("MirrorMaker 2 of {} stopped", this.country);
	}

	private static InputStream resource(String name) {
		InputStream resource = MirrorMakerProcess.class.getClassLoader().getResourceAsStream(name);
		if (resource == null) {
			throw new IllegalStateException(
					"border-link was not built, or is not on the classpath: " + name + " is missing");
		}
		return resource;
	}

	private static String text(String name) throws IOException {
		try (InputStream resource = resource(name)) {
			return new String(resource.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
	}

}
