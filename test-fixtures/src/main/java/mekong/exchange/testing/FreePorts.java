package mekong.exchange.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports that were free a moment ago, for servers that need their port before they start.
 * <p>
 * They are taken below Linux's ephemeral range (32768 and up), from which the system
 * picks the local port of every outgoing connection: a port handed out from there could
 * be taken by some Kafka client's connection in the seconds before its server binds it (a
 * registry then exits at start-up with its port in use). Each port is handed out once per
 * test JVM. Test JVMs that run side by side (system properties {@code mekong.test.fork}
 * of {@code mekong.test.forks}, set by the build) each take their own share of the range,
 * so that two of them never hand out the same port.
 */
public final class FreePorts {

	private static final int LOWEST = 20_000;

	private static final int HIGHEST = 32_000;

	private static final Range range = Range.ofThisJvm();

	private static final AtomicInteger candidate = new AtomicInteger(
			range.first() + ThreadLocalRandom.current().nextInt((range.last() - range.first()) / 2));

	private FreePorts() {
	}

	public static int next() {
		for (int tries = 0; tries < range.last() - range.first(); tries++) {
			int port = candidate.getAndIncrement();
			if (port >= range.last()) {
				candidate.set(range.first());
				continue;
			}
			if (bindable(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port between " + range.first() + " and " + range.last());
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

	/** The ports this JVM hands out, from {@code first} up to {@code last}, excluded. */
	record Range(int first, int last) {

		static Range ofThisJvm() {
			int forks = Math.max(1, Integer.getInteger("mekong.test.forks", 1));
			int fork = Math.min(forks, Math.max(1, Integer.getInteger("mekong.test.fork", 1)));
			int share = (HIGHEST - LOWEST) / forks;
			return new Range(LOWEST + (fork - 1) * share, LOWEST + fork * share);
		}

	}

}
