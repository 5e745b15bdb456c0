package mekong.exchange.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import mekong.exchange.infra.ApicurioRegistry;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.LoggerFactory;

/**
 * One real schema registry for a whole test run (one per test JVM), started on first use
 * and stopped when the JVM exits. Tests that need a registry of their own, for example to
 * restart it, start an {@link ApicurioRegistry} themselves.
 */
public final class SharedSchemaRegistry {

	private static ApicurioRegistry registry;

	private SharedSchemaRegistry() {
	}

	/** The Confluent-compatible API URL of the shared registry. */
	public static synchronized String url() {
		if (registry == null) {
			Path data = newDataDirectory();
			registry = ApicurioRegistry.start(data, FreePorts.next(), Duration.ofSeconds(90));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				registry.close();
				deleteQuietly(data);
			}, "shared-schema-registry-stop"));
		}
		return registry.confluentApiUrl();
	}

	/**
	 * Deletes the registry's folder, which may be in memory (the build's
	 * test-data-in-memory profile): nothing of a test run stays behind.
	 */
	private static void deleteQuietly(Path data) {
		try {
			Utils.delete(data.toFile());
		}
		catch (IOException ex) {
			LoggerFactory.getLogger(SharedSchemaRegistry.class).warn("Could not delete {}", data, ex);
		}
	}

	private static Path newDataDirectory() {
		try {
			return Files.createTempDirectory("shared-schema-registry");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
