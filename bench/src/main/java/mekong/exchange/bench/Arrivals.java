package mekong.exchange.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Where a run's alerts have arrived, with the latency from the moment each was meant to
 * be sent: an alert seen more often than expected is a duplicate, one never seen is lost.
 * The start is the intended send time, so a slow sender does not hide its own queueing
 * (coordinated omission).
 */
final class Arrivals {

	private final Map<UUID, Long> startedAt;

	private final Map<UUID, AtomicInteger> seen = new ConcurrentHashMap<>();

	private final Histogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(30), 3);

	private final AtomicInteger firsts = new AtomicInteger();

	private final AtomicLong lastNanos = new AtomicLong();

	Arrivals(Map<UUID, Long> startedAt) {
		this.startedAt = startedAt;
	}

	void arrived(UUID alertId) {
		long now = System.nanoTime();
		Long started = this.startedAt.get(alertId);
		if (started == null) {
			return;
		}
		if (this.seen.computeIfAbsent(alertId, (id) -> new AtomicInteger()).incrementAndGet() == 1) {
			this.micros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - started)));
			this.lastNanos.accumulateAndGet(now, Math::max);
			this.firsts.incrementAndGet();
		}
	}

	/**
	 * Waits until {@code expected} alerts have arrived; false if they did not in time.
	 */
	boolean awaitAll(int expected, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (this.firsts.get() < expected && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		return this.firsts.get() >= expected;
	}

	int arrivedOnce() {
		return this.firsts.get();
	}

	long lastArrivalNanos() {
		return this.lastNanos.get();
	}

	/** Alerts seen more than {@code times} times. */
	long seenMoreThan(int times) {
		return this.seen.values().stream().filter((count) -> count.get() > times).count();
	}

	long missing(Set<UUID> sent) {
		return sent.stream().filter((alertId) -> !this.seen.containsKey(alertId)).count();
	}

	Histogram micros() {
		return this.micros;
	}

}
