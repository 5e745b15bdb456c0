package mekong.exchange.consumer.inbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import mekong.exchange.boot.forwarding.InstanceForwarding;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.security.Desk;
import mekong.exchange.boot.security.DeskProperties;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The inbox as it changes, as server-sent events: an {@code inbox} event with the alert
 * id each time a revision is taken or a desk answers, once it is committed. A desk's
 * console then fetches what changed; an EventSource reconnects by itself when the stream
 * times out. Events are sent by threads of their own, never by the stream thread that
 * made the change visible: a desk whose connection stalls slows only its own stream.
 * Streams still open when the node stops are ended first, so that they do not hold up the
 * web server's graceful shutdown. A desk may hold
 * {@code mekong.limits.event-streams-per-desk} streams open at one instance (counting
 * those other instances follow there for it: they come with its own token), and the
 * instance {@code mekong.limits.event-streams-per-instance} in all ({@link OpenStreams});
 * one more is refused with 429. A stream nothing was sent on for
 * {@code mekong.desk.event-stream-heartbeat} gets a comment, so that one whose desk went
 * away (a console page closed) is found and stops counting.
 * <p>
 * With several instances of the node, each holds the inbox of some partitions: a stream
 * follows the other instances' streams and passes their events on. When one of them ends
 * (the instance stops or dies), this stream ends too, and the desk's EventSource opens a
 * new one, which follows the instances there are then.
 */
@RestController
class InboxStream implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxStream.class);

	static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final String PATH = "/api/v1/inbox/stream";

	private final InboxWatchers inbox;

	private final InboxQueries queries;

	private final InstanceForwarding forwarding;

	private final JsonMapper json;

	private final OpenStreams<Feed> open;

	private final Duration heartbeat;

	/** Sends the events, so that no desk's connection can hold up a stream thread. */
	private final ExecutorService senders = Executors.newCachedThreadPool(daemons("inbox-events-"));

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor(daemons("inbox-heartbeats-"));

	private volatile boolean running;

	InboxStream(InboxWatchers inbox, InboxQueries queries, InstanceForwarding forwarding, JsonMapper json,
			LimitProperties limits, DeskProperties desks) {
		this.open = new OpenStreams<>(limits.eventStreamsPerDesk(), limits.eventStreamsPerInstance());
		this.heartbeat = desks.eventStreamHeartbeat();
		this.inbox = inbox;
		this.queries = queries;
		this.forwarding = forwarding;
		this.json = json;
	}

	@GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(HttpServletRequest call, @AuthenticationPrincipal Desk desk) throws IOException {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		boolean following = InstanceForwarding.answersHereOnly(call);
		Feed feed = new Feed(emitter, this.senders);
		this.open.admit(feed, desk.node() + "/" + desk.desk());
		List<Runnable> stops = new ArrayList<>();
		Runnable forget = () -> {
			stops.forEach(Runnable::run);
			this.open.forget(feed);
		};
		try {
			stops.add(this.inbox.watch(feed::changed));
			if (!following) {
				for (HostInfo other : otherInstances()) {
					stops.add(this.forwarding.follow(other, PATH, (data) -> relay(feed, data), emitter::complete));
				}
			}
			emitter.onCompletion(forget);
			emitter.onTimeout(forget);
			emitter.onError((ex) -> forget.run());
			emitter.send(SseEmitter.event().comment("watching the inbox"));
			return emitter;
		}
		catch (IOException | RuntimeException ex) {
			forget.run();
			throw ex;
		}
	}

	/**
	 * The other instances of the node, none while its Kafka Streams application starts:
	 * an EventSource does not try again after an error answer, so the stream opens with
	 * this instance's events, and follows the others once it is opened again.
	 */
	private List<HostInfo> otherInstances() {
		try {
			return this.queries.otherInstances();
		}
		catch (InvalidStateStoreException starting) {
			return List.of();
		}
	}

	/**
	 * Passes on an {@code inbox} event of another instance; data without an alert id is
	 * dropped.
	 */
	private void relay(Feed feed, String data) {
		UUID alertId;
		try {
			alertId = UUID.fromString(this.json.readTree(data).path("alertId").asString());
		}
		catch (JacksonException | IllegalArgumentException notAnEvent) {
			return;
		}
		feed.changed(alertId);
	}

	private static CustomizableThreadFactory daemons(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	@Override
	public void start() {
		this.heartbeats.scheduleWithFixedDelay(() -> this.open.all().forEach(Feed::heartbeat),
				this.heartbeat.toMillis(), this.heartbeat.toMillis(), TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.heartbeats.shutdownNow();
		this.open.all().forEach((feed) -> feed.emitter.complete());
		this.senders.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The alerts one desk's stream has yet to be told about, each once however often it
	 * changed meanwhile, sent by one sender thread at a time. A desk that falls
	 * {@value #MOST_PENDING} alerts behind (a connection that no longer takes anything)
	 * has its stream ended; its EventSource opens a new one and the console reloads.
	 */
	static final class Feed {

		static final int MOST_PENDING = 1000;

		private final SseEmitter emitter;

		private final Executor senders;

		private final Set<UUID> pending = new LinkedHashSet<>();

		private boolean sending;

		private boolean heartbeatDue;

		private boolean ended;

		Feed(SseEmitter emitter, Executor senders) {
			this.emitter = emitter;
			this.senders = senders;
		}

		void changed(UUID alertId) {
			boolean fellBehind;
			synchronized (this) {
				if (this.ended) {
					return;
				}
				fellBehind = this.pending.size() >= MOST_PENDING;
				if (fellBehind) {
					this.ended = true;
					this.pending.clear();
				}
				else {
					this.pending.add(alertId);
					if (this.sending) {
						return;
					}
					this.sending = true;
				}
			}
			if (fellBehind) {
				log.debug("An inbox event stream fell {} alerts behind and is ended", MOST_PENDING);
				this.emitter.complete();
				return;
			}
			try {
				this.senders.execute(this::send);
			}
			catch (RejectedExecutionException stopping) {
				this.emitter.complete();
			}
		}

		/** Sends a comment, unless the stream is sending anyway or has ended. */
		void heartbeat() {
			synchronized (this) {
				if (this.ended || this.sending) {
					return;
				}
				this.heartbeatDue = true;
				this.sending = true;
			}
			try {
				this.senders.execute(this::send);
			}
			catch (RejectedExecutionException stopping) {
				this.emitter.complete();
			}
		}

		/**
		 * Sends what is pending, then a due heartbeat; a stream that closed meanwhile is
		 * completed, and the failure stays here.
		 */
		private void send() {
			while (true) {
				UUID alertId = null;
				synchronized (this) {
					if (this.ended || (this.pending.isEmpty() && !this.heartbeatDue)) {
						this.sending = false;
						return;
					}
					if (!this.pending.isEmpty()) {
						alertId = this.pending.iterator().next();
						this.pending.remove(alertId);
					}
					this.heartbeatDue = false;
				}
				try {
					this.emitter
						.send((alertId != null) ? SseEmitter.event().name("inbox").data(Map.of("alertId", alertId))
								: SseEmitter.event().comment("still watching"));
				}
				catch (IOException | IllegalStateException ex) {
					synchronized (this) {
						this.ended = true;
						this.pending.clear();
						this.sending = false;
					}
					try {
						this.emitter.completeWithError(ex);
					}
					catch (IllegalStateException alreadyCompleted) {
						log.debug("An inbox event stream ended before it was told of {}",
								(alertId != null) ? alertId : "a heartbeat");
					}
					return;
				}
			}
		}

	}

}
