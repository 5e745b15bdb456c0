package mekong.exchange.consumer.inbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The inbox as it changes, as server-sent events: an {@code inbox} event with the alert
 * id each time a revision is taken or a desk answers, once it is committed. A desk's
 * console then fetches what changed; an EventSource reconnects by itself when the stream
 * times out. Streams still open when the node stops are ended first, so that they do not
 * hold up the web server's graceful shutdown.
 */
@RestController
class InboxStream implements SmartLifecycle {

	static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final InboxWatchers inbox;

	private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	InboxStream(InboxWatchers inbox) {
		this.inbox = inbox;
	}

	@GetMapping(path = "/api/v1/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() throws IOException {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Runnable stop = this.inbox.watch((alertId) -> {
			try {
				emitter.send(SseEmitter.event().name("inbox").data(Map.of("alertId", alertId)));
			}
			catch (IOException | IllegalStateException ex) {
				emitter.completeWithError(ex);
			}
		});
		Runnable forget = () -> {
			stop.run();
			this.open.remove(emitter);
		};
		emitter.onCompletion(forget);
		emitter.onTimeout(forget);
		emitter.onError((ex) -> forget.run());
		this.open.add(emitter);
		emitter.send(SseEmitter.event().comment("watching the inbox"));
		return emitter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.open.forEach(SseEmitter::complete);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
