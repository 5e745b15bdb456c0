package mekong.exchange.consumer.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import mekong.exchange.boot.limits.LimitReachedException;

import org.springframework.http.HttpStatus;

/**
 * The event streams an instance holds open: at most {@code perDesk} for one desk, and
 * {@code inAll} for every desk together, so that no desk (a script opening streams in a
 * loop, a hundred console tabs) holds the instance's threads and connections. A stream
 * another instance follows for its own desk ({@code desk} null) counts in all only: that
 * desk's own streams are counted where they are open.
 *
 * @param <S> a stream
 */
final class OpenStreams<S> {

	private final int perDesk;

	private final int inAll;

	private final Map<S, String> deskOfStream = new HashMap<>();

	OpenStreams(int perDesk, int inAll) {
		this.perDesk = perDesk;
		this.inAll = inAll;
	}

	/**
	 * Counts {@code stream} of {@code desk} as open.
	 * @throws LimitReachedException (429) if the desk or the instance holds as many as it
	 * may
	 */
	synchronized void admit(S stream, String desk) {
		if (this.deskOfStream.size() >= this.inAll) {
			throw new LimitReachedException(HttpStatus.TOO_MANY_REQUESTS, "event-streams-per-instance", this.inAll,
					"This instance holds " + this.inAll + " open event streams, as many as it may: try again later");
		}
		if (desk != null && this.deskOfStream.values().stream().filter(desk::equals).count() >= this.perDesk) {
			throw new LimitReachedException(HttpStatus.TOO_MANY_REQUESTS, "event-streams-per-desk", this.perDesk,
					"Desk " + desk + " holds " + this.perDesk
							+ " open event streams here, as many as it may: close one (a console tab) first");
		}
		this.deskOfStream.put(Objects.requireNonNull(stream), desk);
	}

	synchronized void forget(S stream) {
		this.deskOfStream.remove(stream);
	}

	/** The streams open now. */
	synchronized List<S> all() {
		return List.copyOf(this.deskOfStream.keySet());
	}

	synchronized int size() {
		return this.deskOfStream.size();
	}

}
