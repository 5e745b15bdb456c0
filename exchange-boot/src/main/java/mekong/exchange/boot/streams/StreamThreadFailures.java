package mekong.exchange.boot.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream threads of the node's Kafka Streams applications that failed lately. A
 * failure the error handlers let through (not a record's fault: a broker or registry
 * outage, a bug) fails the thread, and a new one takes over its tasks from their last
 * commit; if it fails again, each replacement waits twice as long as the one before, up
 * to a limit, so that a failure that repeats does not spin, and readiness says so
 * ({@link #failing}) until a thread has run {@code quiet} without failing.
 */
public final class StreamThreadFailures {

	private final Clock clock;

	private final Duration quiet;

	private final Map<String, Failure> last = new ConcurrentHashMap<>();

	/** The last failure of an application's threads, and how many came in a row. */
	public record Failure(Instant at, String what, int inARow) {
	}

	public StreamThreadFailures(Clock clock, Duration quiet) {
		this.clock = clock;
		this.quiet = quiet;
	}

	/**
	 * Records a failure of a thread of {@code application}.
	 * @return how long its replacement waits: {@code first} after a quiet period, then
	 * twice as long each time, at most {@code longest}
	 */
	Duration failed(String application, Throwable failure, Duration first, Duration longest) {
		Instant now = this.clock.instant();
		Failure before = this.last.get(application);
		int inARow = (before != null && before.at().plus(this.quiet).isAfter(now)) ? before.inARow() + 1 : 1;
		this.last.put(application, new Failure(now, failure.toString(), inARow));
		Duration pause = first.multipliedBy(1L << Math.min(inARow - 1, 16));
		return (pause.compareTo(longest) > 0) ? longest : pause;
	}

	/** The last failure of {@code application}'s threads, if it is recent. */
	public Failure failing(String application) {
		Failure failure = this.last.get(application);
		return (failure != null && failure.at().plus(this.quiet).isAfter(this.clock.instant())) ? failure : null;
	}

}
