package mekong.exchange.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import mekong.exchange.stack.LocalStack;
import mekong.exchange.stack.BorderPorts;
import mekong.exchange.stack.StackPorts;

/**
 * What the harnesses read of the machine and the JVM that runs the {@link LocalStack}:
 * memory, files, ports.
 */
final class StackMachine {

	/**
	 * More than the stack listens on, each held until all are taken so that none repeats.
	 */
	private static final int FREE_PORTS = 32;

	private StackMachine() {
	}

	/** Free ports for every listener of the stack, so that it runs beside anything. */
	static StackPorts freePorts() throws IOException {
		return StackPorts.from(Arrays.stream(free(FREE_PORTS)).iterator()::nextInt);
	}

	/** Free ports for what the stack adds across a border. */
	static BorderPorts freeBorderPorts() throws IOException {
		return BorderPorts.from(Arrays.stream(free(FREE_PORTS)).iterator()::nextInt);
	}

	private static int[] free(int count) throws IOException {
		int[] ports = new int[count];
		List<ServerSocket> held = new ArrayList<>();
		try {
			for (int i = 0; i < ports.length; i++) {
				ServerSocket socket = new ServerSocket(0);
				held.add(socket);
				ports[i] = socket.getLocalPort();
			}
		}
		finally {
			for (ServerSocket socket : held) {
				socket.close();
			}
		}
		return ports;
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
