package mekong.exchange.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

import mekong.exchange.stack.BorderPorts;
import mekong.exchange.stack.LocalStack;
import mekong.exchange.stack.StackPorts;
import mekong.exchange.testing.FreePorts;

/**
 * What the harnesses read of the machine and the JVM that runs the {@link LocalStack}:
 * memory, files, ports.
 */
final class StackMachine {

	private StackMachine() {
	}

	/** Free ports for every listener of the stack, so that it runs beside anything. */
	static StackPorts freePorts() {
		return StackPorts.from(FreePorts::next);
	}

	/** Free ports for what the stack adds across a border. */
	static BorderPorts freeBorderPorts() {
		return BorderPorts.from(FreePorts::next);
	}

	static long heapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static long residentKilobytes() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Bytes in the files under {@code folder}; 0 if there is none. */
	static long sizeOf(Path folder) throws IOException {
		return sizeOf(folder, "");
	}

	/**
	 * Bytes in the files under {@code folder} whose name ends with {@code suffix} (Kafka
	 * preallocates its index files, so a log folder is measured by its {@code .log}
	 * files).
	 */
	static long sizeOf(Path folder, String suffix) throws IOException {
		if (!Files.exists(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((file) -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(suffix))
				.mapToLong((file) -> file.toFile().length())
				.sum();
		}
	}

	/**
	 * Writes a harness's report to {@code results/<name>-<date>.txt} and returns the
	 * file; a run of the same day replaces it.
	 */
	static Path writeReport(String name, CharSequence report) throws IOException {
		Path results = Path.of("results", name + "-" + LocalDate.now() + ".txt");
		Files.createDirectories(results.getParent());
		Files.writeString(results, report);
		return results.toAbsolutePath();
	}

	/**
	 * A run's broker, registry and state data: nothing in it is needed once the report is
	 * written.
	 */
	static void deleteRecursively(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
