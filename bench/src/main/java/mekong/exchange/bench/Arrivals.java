package mekong.exchange.bench;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Where the alerts of one run of a lane have arrived, leg by leg, each timed from when it
 * was due to be sent (so that a slow sender does not hide its own queueing: coordinated
 * omission). Alerts due within the measured window make the latency histograms; arrivals
 * within the window make the throughput; every alert of the run, warm-up included, must
 * arrive once at every leg, or it is lost or counted twice.
 * <p>
 * An alert may arrive before its start is known (a desk learns the alert id from the
 * answer to its request, and the partner may announce it first): with
 * {@code acceptsEarly} such arrivals are kept until the start is told.
 */
final class Arrivals {

	private final Window window;

	private final int deliveryLeg;

	private final Runnable delivered;

	private final Map<UUID, Sent> sent = new ConcurrentHashMap<>();

	private final Map<UUID, long[]> early;

	private final Histogram[] micros;

	private final AtomicLong[] firsts;

	private final AtomicLong[] firstsInWindow;

	private final AtomicLong sentInWindow = new AtomicLong();

	/**
	 * @param legs how many points the lane's alerts arrive at
	 * @param deliveryLeg the leg whose first arrivals call {@code delivered}
	 * @param delivered told of each alert's first delivery (e.g. to let the sender send
	 * another)
	 */
	Arrivals(Window window, int legs, int deliveryLeg, boolean acceptsEarly, Runnable delivered) {
		this.window = window;
		this.deliveryLeg = deliveryLeg;
		this.delivered = delivered;
		this.early = acceptsEarly ? new ConcurrentHashMap<>() : null;
		this.micros = new Histogram[legs];
		this.firsts = new AtomicLong[legs];
		this.firstsInWindow = new AtomicLong[legs];
		for (int leg = 0; leg < legs; leg++) {
			this.micros[leg] = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(60), 3);
			this.firsts[leg] = new AtomicLong();
			this.firstsInWindow[leg] = new AtomicLong();
		}
	}

	Window window() {
		return this.window;
	}

	/**
	 * Alert {@code alertId} was due to be sent, or its request started, at {@code nanos}.
	 */
	void started(UUID alertId, long nanos) {
		this.sent.put(alertId, new Sent(nanos, this.micros.length));
		if (this.window.contains(nanos)) {
			this.sentInWindow.incrementAndGet();
		}
		if (this.early != null) {
			replayEarly(alertId);
		}
	}

	void arrived(int leg, UUID alertId) {
		arrived(leg, alertId, System.nanoTime());
	}

	void arrived(int leg, UUID alertId, long nanos) {
		Sent sent = this.sent.get(alertId);
		if (sent != null) {
			record(leg, sent, nanos);
		}
		else if (this.early != null) {
			this.early.compute(alertId, (id, times) -> {
				long[] kept = (times != null) ? times : new long[this.micros.length];
				if (kept[leg] == 0) {
					kept[leg] = nanos;
				}
				return kept;
			});
			if (this.sent.containsKey(alertId)) {
				replayEarly(alertId);
			}
		}
	}

	private void replayEarly(UUID alertId) {
		long[] times = this.early.remove(alertId);
		if (times == null) {
			return;
		}
		Sent sent = this.sent.get(alertId);
		for (int leg = 0; leg < times.length; leg++) {
			if (times[leg] != 0) {
				record(leg, sent, times[leg]);
			}
		}
	}

	private void record(int leg, Sent sent, long nanos) {
		if (sent.seen.incrementAndGet(leg) != 1) {
			return;
		}
		if (this.window.contains(sent.start)) {
			this.micros[leg].recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos - sent.start)));
		}
		if (this.window.contains(nanos)) {
			this.firstsInWindow[leg].incrementAndGet();
		}
		this.firsts[leg].incrementAndGet();
		if (leg == this.deliveryLeg && this.delivered != null) {
			this.delivered.run();
		}
	}

	/** Alerts sent (or filed) so far, warm-up included. */
	long sent() {
		return this.sent.size();
	}

	long sentInWindow() {
		return this.sentInWindow.get();
	}

	/** Alerts that arrived at {@code leg} at least once. */
	long arrived(int leg) {
		return this.firsts[leg].get();
	}

	/** First arrivals at {@code leg} per second of the measured window. */
	double perSecondInWindow(int leg) {
		return this.firstsInWindow[leg].get() / this.window.seconds();
	}

	/** Whether every alert sent has arrived at every leg. */
	boolean allArrived() {
		return allArrivedExcept(-1);
	}

	/** Whether every alert sent has arrived at every leg but {@code leg}. */
	boolean allArrivedExcept(int leg) {
		long sent = this.sent.size();
		for (int other = 0; other < this.firsts.length; other++) {
			if (other != leg && this.firsts[other].get() < sent) {
				return false;
			}
		}
		return true;
	}

	/** First arrivals so far, all legs together: it grows while alerts arrive. */
	long totalArrived() {
		long arrived = 0;
		for (AtomicLong first : this.firsts) {
			arrived += first.get();
		}
		return arrived;
	}

	/** The alerts that never arrived at {@code leg}. */
	Set<UUID> missing(int leg) {
		return this.sent.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().seen.get(leg) == 0)
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	/** Alerts that arrived at {@code leg} more than once. */
	long twice(int leg) {
		return this.sent.values().stream().filter((sent) -> sent.seen.get(leg) > 1).count();
	}

	/** The latencies at {@code leg} of the alerts due within the window, in µs. */
	Histogram micros(int leg) {
		return this.micros[leg].copy();
	}

	/** The measured part of a run, in {@link System#nanoTime()}. */
	record Window(long start, long end) {

		static Window after(long warmUpNanos, long measuredNanos) {
			long start = System.nanoTime() + warmUpNanos;
			return new Window(start, start + measuredNanos);
		}

		boolean contains(long nanos) {
			return nanos >= this.start && nanos < this.end;
		}

		double seconds() {
			return (this.end - this.start) / 1e9;
		}

	}

	/** When an alert was due, and how often it arrived at each leg. */
	private static final class Sent {

		private final long start;

		private final AtomicIntegerArray seen;

		Sent(long start, int legs) {
			this.start = start;
			this.seen = new AtomicIntegerArray(legs);
		}

	}

}
