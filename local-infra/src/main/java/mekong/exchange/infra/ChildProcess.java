package mekong.exchange.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server the local stack or a test runs in a process of its own (the schema registry,
 * the identity provider, the processes of the compose topology): started with its output
 * in a log file, awaited until it is ready (e.g. a URL of it answers 200), and stopped
 * gracefully, or forcibly after a grace period. Also runs set-up steps to their end.
 */
public final class ChildProcess implements AutoCloseable {

	private static final Duration STOP_GRACE = Duration.ofSeconds(15);

	private final String name;

	private final Process process;

	private ChildProcess(String name, Process process) {
		this.name = name;
		this.process = process;
	}

	/**
	 * Starts {@code command} and returns once {@code ready} answers 200.
	 * @param name what it is, for messages
	 * @param logFile where its output goes
	 * @throws IllegalStateException if it exits or is not ready within {@code timeout};
	 * it is stopped then
	 */
	public static ChildProcess start(String name, ProcessBuilder command, Path logFile, URI ready, Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build();
		return start(name, command, logFile, () -> {
			try {
				return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException notListeningYet) {
				// the port opens a moment after the process starts
				return false;
			}
		}, timeout);
	}

	/**
	 * Starts {@code command} and returns once {@code ready} holds.
	 * @param name what it is, for messages
	 * @param logFile where its output goes
	 * @throws IllegalStateException if it exits or is not ready within {@code timeout};
	 * it is stopped then
	 */
	public static ChildProcess start(String name, ProcessBuilder command, Path logFile, Readiness ready,
			Duration timeout) {
		ChildProcess child = new ChildProcess(name, launch(name, command, logFile));
		try {
			child.awaitReady(ready, timeout, logFile);
		}
		catch (RuntimeException ex) {
			child.close();
			throw ex;
		}
		return child;
	}

	/**
	 * Runs {@code command} to its end, e.g. a set-up step.
	 * @param name what it is, for messages
	 * @param logFile where its output goes
	 * @throws IllegalStateException if it fails, or has not ended within {@code timeout};
	 * it is stopped then
	 */
	public static void run(String name, ProcessBuilder command, Path logFile, Duration timeout) {
		ChildProcess child = new ChildProcess(name, launch(name, command, logFile));
		try {
			if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				child.close();
				throw new IllegalStateException(
						"The " + name + " had not ended after " + timeout.toSeconds() + " s; see " + logFile);
			}
		}
		catch (InterruptedException ex) {
			child.close();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the " + name, ex);
		}
		if (child.process.exitValue() != 0) {
			throw new IllegalStateException(
					"The " + name + " failed with exit code " + child.process.exitValue() + "; see " + logFile);
		}
	}

	private static Process launch(String name, ProcessBuilder command, Path logFile) {
		try {
			return command.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/** The java command of the JVM this runs in, for a child JVM. */
	public static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Kills the process at once (SIGKILL), as a crash or a power cut would. */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady(Readiness ready, Duration timeout, Path logFile) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The " + this.name + " exited with code " + this.process.exitValue()
						+ " during start-up; see " + logFile);
			}
			try {
				if (ready.check()) {
					return;
				}
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the " + this.name, ex);
			}
		}
		throw new IllegalStateException(
				"The " + this.name + " was not ready within " + timeout.toSeconds() + " s; see " + logFile);
	}

	/** Whether a starting process is ready to serve, asked again until it is. */
	@FunctionalInterface
	public interface Readiness {

		boolean check() throws InterruptedException;

	}

}
