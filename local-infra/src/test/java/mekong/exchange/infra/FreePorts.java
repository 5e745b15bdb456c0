package mekong.exchange.infra;

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
 * test JVM.
 */
public final class FreePorts {

	private static final int FIRST = 20_000;

	private static final int LAST = 32_000;

	private static final AtomicInteger candidate = new AtomicInteger(
			FIRST + ThreadLocalRandom.current().nextInt((LAST - FIRST) / 2));

	private FreePorts() {
	}

	public static int next() {
		for (int tries = 0; tries < LAST - FIRST; tries++) {
			int port = candidate.getAndIncrement();
			if (port >= LAST) {
				candidate.set(FIRST);
				continue;
			}
			if (bindable(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port between " + FIRST + " and " + LAST);
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

}
