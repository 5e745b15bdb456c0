package mekong.exchange.consumer.inbox;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/** Who wants to know when an inbox entry of this instance changes. */
@Component
public class InboxWatchers {

	private final List<Consumer<UUID>> watchers = new CopyOnWriteArrayList<>();

	/**
	 * Calls {@code watcher} with the id of each entry that changes from now on (a
	 * revision taken, a desk's answer), once the view holds the change.
	 * @return what stops the calls
	 */
	public Runnable watch(Consumer<UUID> watcher) {
		this.watchers.add(watcher);
		return () -> this.watchers.remove(watcher);
	}

	void changed(UUID alertId) {
		this.watchers.forEach((watcher) -> watcher.accept(alertId));
	}

}
