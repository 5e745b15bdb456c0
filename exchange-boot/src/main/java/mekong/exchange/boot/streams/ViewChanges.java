package mekong.exchange.boot.streams;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who wants to know when an alert in a view's state stores of this instance changes: a
 * desk waiting to read what it just wrote, a console page following its inbox.
 */
public class ViewChanges {

	private static final Logger log = LoggerFactory.getLogger(ViewChanges.class);

	private final List<Consumer<UUID>> watchers = new CopyOnWriteArrayList<>();

	/**
	 * Calls {@code watcher} with the id of each alert that changes from now on, once the
	 * view holds the change.
	 * @return what stops the calls
	 */
	public Runnable watch(Consumer<UUID> watcher) {
		this.watchers.add(watcher);
		return () -> this.watchers.remove(watcher);
	}

	/**
	 * Called on the view's stream thread once a change of {@code alertId} is committed
	 * and desks may read it. A watcher that fails (a desk's event stream that closed) is
	 * dropped; the others are told, and the stream thread goes on.
	 */
	public void changed(UUID alertId) {
		for (Consumer<UUID> watcher : this.watchers) {
			try {
				watcher.accept(alertId);
			}
			catch (RuntimeException failed) {
				log.debug("A watcher of the view failed and no longer watches: {}", failed.toString());
				this.watchers.remove(watcher);
			}
		}
	}

	/**
	 * Waits until {@code holds} is true, checking it now and after each change of
	 * {@code alertId}; it does not hold while the view's stores are not open. It is
	 * checked on the waiting thread only: on the stream thread that tells the change, a
	 * read of the view sees that thread's own writes, uncommitted ones included.
	 * @return false if it still does not hold after {@code timeout}
	 */
	public boolean await(UUID alertId, BooleanSupplier holds, Duration timeout) {
		Semaphore changes = new Semaphore(0);
		Runnable stop = watch((changed) -> {
			if (changed.equals(alertId)) {
				changes.release();
			}
		});
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (!holdsNow(holds)) {
				if (!changes.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
					return false;
				}
				changes.drainPermits();
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			stop.run();
		}
	}

	private static boolean holdsNow(BooleanSupplier holds) {
		try {
			return holds.getAsBoolean();
		}
		catch (InvalidStateStoreException notOpen) {
			return false;
		}
	}

}
