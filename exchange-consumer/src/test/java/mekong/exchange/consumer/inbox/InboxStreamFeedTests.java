package mekong.exchange.consumer.inbox;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboxStreamFeedTests {

	private final ExecutorService senders = Executors.newCachedThreadPool();

	private final CountDownLatch connectionTakesAgain = new CountDownLatch(1);

	private final CountDownLatch sending = new CountDownLatch(1);

	private final List<Object> sent = new CopyOnWriteArrayList<>();

	private final CountDownLatch completed = new CountDownLatch(1);

	/** A desk's connection that takes nothing until the test lets it. */
	private final SseEmitter stalled = new SseEmitter() {

		@Override
		public void send(SseEventBuilder event) throws IOException {
			InboxStreamFeedTests.this.sending.countDown();
			try {
				InboxStreamFeedTests.this.connectionTakesAgain.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			InboxStreamFeedTests.this.sent.add(event);
		}

		@Override
		public void complete() {
			InboxStreamFeedTests.this.completed.countDown();
		}

	};

	@AfterEach
	void stop() {
		this.connectionTakesAgain.countDown();
		this.senders.shutdownNow();
	}

	@Test
	void aStalledConnectionNeverHoldsUpTheStreamThreadAndIsToldOfEachPendingAlertOnce() throws Exception {
		InboxStream.Feed feed = new InboxStream.Feed(this.stalled, this.senders);
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		feed.changed(first);
		assertThat(this.sending.await(5, TimeUnit.SECONDS)).isTrue();
		feed.changed(second);
		feed.changed(first);
		feed.changed(second);
		feed.changed(first);
		assertThat(this.sent).isEmpty();

		this.connectionTakesAgain.countDown();
		await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(this.sent).hasSize(3));
		assertThat(this.completed.getCount()).isEqualTo(1);
	}

	@Test
	void aConnectionThatFellAThousandAlertsBehindIsEndedSoThatTheConsoleOpensANewOne() throws Exception {
		InboxStream.Feed feed = new InboxStream.Feed(this.stalled, this.senders);
		IntStream.rangeClosed(0, InboxStream.Feed.MOST_PENDING + 1).forEach((alert) -> feed.changed(UUID.randomUUID()));
		assertThat(this.completed.await(5, TimeUnit.SECONDS)).isTrue();
	}

}
