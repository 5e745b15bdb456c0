package mekong.exchange.boot.streams;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewChangesTests {

	private final ViewChanges changes = new ViewChanges();

	private final UUID alertId = UUID.randomUUID();

	@Test
	void aWaitingDeskSeesTheChangeItWaitsForOnceTheViewTellsIt() throws Exception {
		AtomicBoolean committed = new AtomicBoolean();
		CountDownLatch watching = new CountDownLatch(1);
		CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> this.changes.await(this.alertId, () -> {
			watching.countDown();
			return committed.get();
		}, Duration.ofSeconds(10)));
		assertThat(watching.await(5, TimeUnit.SECONDS)).isTrue();
		committed.set(true);
		this.changes.changed(UUID.randomUUID());
		this.changes.changed(this.alertId);
		assertThat(waited.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void whatHoldsIsNeverCheckedOnTheStreamThreadThatSeesItsOwnUncommittedWrites() throws Exception {
		Thread streamThread = Thread.currentThread();
		CountDownLatch watching = new CountDownLatch(1);
		CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> this.changes.await(this.alertId, () -> {
			watching.countDown();
			return Thread.currentThread() == streamThread;
		}, Duration.ofMillis(500)));
		assertThat(watching.await(5, TimeUnit.SECONDS)).isTrue();
		for (int told = 0; told < 20; told++) {
			this.changes.changed(this.alertId);
		}
		assertThat(waited.get(5, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void aWatcherThatFailsIsDroppedAndTheOthersAreStillTold() {
		AtomicBoolean told = new AtomicBoolean();
		this.changes.watch((changed) -> {
			throw new IllegalStateException("the desk's stream closed");
		});
		this.changes.watch((changed) -> told.set(true));
		this.changes.changed(this.alertId);
		assertThat(told).isTrue();
	}

}
