package mekong.exchange.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mekong.exchange.core.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's inbox as its desks see it change: the server-sent events of
 * {@code GET /api/v1/inbox/stream}, read with a desk's bearer token. Each {@code inbox}
 * event names an alert whose entry changed (a revision taken, an answer), once the change
 * is committed and desks may read it: one event per commit that changed the entry.
 * <p>
 * The node ends a stream after {@value #SERVER_TIMEOUT_MINUTES} minutes. Before a lane
 * that would run into that end, the harness opens a new stream and takes its events from
 * then on, and leaves the old one to the node, which ends it: a stream the harness closed
 * itself would leave the node an emitter that fails on its next event (the baseline's
 * nodes then kept the event from the other streams and sent the record to the dead-letter
 * topic; the harness keeps to this so that its runs compare). A stream that ends while it
 * is the one read is opened again at once; the events sent meanwhile are lost to the
 * harness, and the lanes ask the desk API about the alerts they miss.
 */
final class InboxEvents implements AutoCloseable {

	/** How long the node keeps a stream open (InboxStream.TIMEOUT today). */
	static final int SERVER_TIMEOUT_MINUTES = 10;

	private static final Logger log = LoggerFactory.getLogger(InboxEvents.class);

	private static final String PATH = "/api/v1/inbox/stream";

	/** How long a stream is read at most: less than the node keeps it. */
	private static final Duration LIFE = Duration.ofMinutes(SERVER_TIMEOUT_MINUTES).minusSeconds(30);

	private static final Pattern ALERT_ID = Pattern.compile(
			"\"alertId\"\\s*:\\s*\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"");

	private final StackClients stack;

	private final NodeId node;

	private final Consumer<UUID> each;

	private final AtomicInteger reopenedByItself = new AtomicInteger();

	private final AtomicLong events = new AtomicLong();

	private final List<Connection> connections = new ArrayList<>();

	private volatile Connection current;

	InboxEvents(StackClients stack, NodeId node, Consumer<UUID> each) {
		this.stack = stack;
		this.node = node;
		this.each = each;
	}

	/**
	 * Makes sure the stream read will stay open for {@code needed} (a lane's length),
	 * opening a new one if the node would end the one read before; returns once the
	 * stream read is open.
	 */
	synchronized void openFor(Duration needed) throws InterruptedException {
		Connection reading = this.current;
		if (reading != null && reading.isAlive()
				&& Duration.ofNanos(System.nanoTime() - reading.openedAt).plus(needed).compareTo(LIFE) < 0) {
			return;
		}
		Connection fresh = new Connection();
		this.connections.add(fresh);
		fresh.start();
		if (!fresh.opened.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The inbox event stream of " + this.node + " did not open in 60 s");
		}
		this.current = fresh;
		this.connections.removeIf((connection) -> !connection.isAlive());
	}

	/**
	 * How often the stream read ended while the harness read it, and was opened again.
	 */
	int reopenedByItself() {
		return this.reopenedByItself.get();
	}

	/** Inbox events read so far. */
	long events() {
		return this.events.get();
	}

	/** Closes every stream: only once nothing more is measured. */
	@Override
	public synchronized void close() {
		this.current = null;
		this.connections.forEach(Connection::close);
		this.connections.clear();
	}

	/**
	 * One stream: its events count while it is the one read; it is opened again if it
	 * ends then, and left to end otherwise.
	 */
	private final class Connection extends Thread {

		private final CountDownLatch opened = new CountDownLatch(1);

		private final long openedAt = System.nanoTime();

		private volatile boolean open = true;

		private volatile InputStream body;

		Connection() {
			super("bench-inbox-events-" + InboxEvents.this.node);
			setDaemon(true);
		}

		private boolean read() {
			return InboxEvents.this.current == this || InboxEvents.this.current == null;
		}

		@Override
		public void run() {
			boolean refused = false;
			while (this.open) {
				try {
					NodeId desk = InboxEvents.this.node;
					String token = refused ? InboxEvents.this.stack.newDeskToken(desk)
							: InboxEvents.this.stack.deskToken(desk);
					HttpRequest request = HttpRequest
						.newBuilder(URI.create(InboxEvents.this.stack.deskUrl(desk) + PATH))
						.header("Accept", "text/event-stream")
						.header("Authorization", "Bearer " + token)
						.GET()
						.build();
					HttpResponse<InputStream> answer = InboxEvents.this.stack.http()
						.send(request, HttpResponse.BodyHandlers.ofInputStream());
					this.body = answer.body();
					refused = answer.statusCode() == 401;
					if (answer.statusCode() != 200) {
						this.body.close();
						log.warn("The inbox event stream of {} answered HTTP {}", desk, answer.statusCode());
						pause();
						continue;
					}
					read(this.body);
				}
				catch (IOException ex) {
					if (this.open && read()) {
						log.warn("The inbox event stream of {} failed: {}", InboxEvents.this.node, ex.toString());
						pause();
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				if (!this.open || InboxEvents.this.current != this) {
					return;
				}
				InboxEvents.this.reopenedByItself.incrementAndGet();
				log.warn("The inbox event stream of {} ended while read; opening it again", InboxEvents.this.node);
			}
		}

		/** Reads events until the stream ends; the first line tells it is open. */
		private void read(InputStream body) throws IOException {
			BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
			String event = null;
			String line;
			while ((line = lines.readLine()) != null) {
				this.opened.countDown();
				if (line.isEmpty()) {
					event = null;
				}
				else if (line.startsWith("event:")) {
					event = line.substring("event:".length()).trim();
				}
				else if (line.startsWith("data:") && "inbox".equals(event) && read()) {
					Matcher alertId = ALERT_ID.matcher(line);
					if (alertId.find()) {
						InboxEvents.this.events.incrementAndGet();
						InboxEvents.this.each.accept(UUID.fromString(alertId.group(1)));
					}
				}
			}
		}

		private void pause() {
			try {
				Thread.sleep(Duration.ofSeconds(1).toMillis());
			}
			catch (InterruptedException ex) {
				interrupt();
			}
		}

		void close() {
			this.open = false;
			InputStream body = this.body;
			if (body != null) {
				try {
					body.close();
				}
				catch (IOException ex) {
					log.debug("Closing the inbox event stream failed", ex);
				}
			}
			interrupt();
			try {
				join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
