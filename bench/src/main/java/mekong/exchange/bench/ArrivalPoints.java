package mekong.exchange.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import mekong.exchange.bench.Lane.Point;

/**
 * Where the harness's observers (topic readers, the desk event stream, the floors' hops)
 * report the alerts they see, and who listens at each point: the lane running now, or
 * nobody.
 */
final class ArrivalPoints {

	private static final Consumer<UUID> NOBODY = (alertId) -> {
	};

	private final Map<Point, AtomicReference<Consumer<UUID>>> listeners = new EnumMap<>(Point.class);

	ArrivalPoints() {
		for (Point point : Point.values()) {
			this.listeners.put(point, new AtomicReference<>(NOBODY));
		}
	}

	void arrived(Point point, UUID alertId) {
		this.listeners.get(point).get().accept(alertId);
	}

	void listen(Point point, Consumer<UUID> listener) {
		this.listeners.get(point).set(listener);
	}

	void stopListening() {
		this.listeners.values().forEach((listener) -> listener.set(NOBODY));
	}

}
