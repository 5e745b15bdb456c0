package mekong.exchange.bench;

import java.util.List;

/**
 * What a lane of the end-to-end harness sends through, how fast, and where it sees each
 * alert arrive (its legs, each timed from when the alert was due to be sent).
 */
enum Lane {

	/** Raw Kafka: a plain producer and consumer on one topic, the hub's outbox bytes. */
	RAW(Pipeline.RAW, Pace.FULL),

	/**
	 * The Kafka floor ({@link KafkaFloor}): the hub's two transactional hops copying
	 * bytes, at full speed.
	 */
	FLOOR(Pipeline.FLOOR, Pace.FULL),

	/**
	 * The protocol floor ({@link ProtocolFloor}): the exchange's protocol work per alert
	 * with bare clients, at full speed.
	 */
	PROTOCOL_FLOOR(Pipeline.PROTOCOL, Pace.FULL),

	/** The hub at full speed, at most {@code --in-flight} alerts on their way. */
	HUB_FULL(Pipeline.HUB, Pace.FULL),

	/** The Kafka floor at the fixed rate. */
	FLOOR_PACED(Pipeline.FLOOR, Pace.PACED),

	/** The protocol floor at the fixed rate. */
	PROTOCOL_FLOOR_PACED(Pipeline.PROTOCOL, Pace.PACED),

	/** The hub at the fixed rate; the per-alert costs are measured here. */
	HUB_PACED(Pipeline.HUB, Pace.PACED),

	/**
	 * Alerts filed at Son La's desk API by {@code --desks} concurrent clients, each
	 * filing its next alert once the last one is answered.
	 */
	DESK_API(Pipeline.DESK, Pace.DESKS);

	private final Pipeline pipeline;

	private final Pace pace;

	Lane(Pipeline pipeline, Pace pace) {
		this.pipeline = pipeline;
		this.pace = pace;
	}

	Pipeline pipeline() {
		return this.pipeline;
	}

	Pace pace() {
		return this.pace;
	}

	/** How a lane sends. */
	enum Pace {

		/** As fast as it goes, with at most a given number of alerts on their way. */
		FULL,

		/** At a fixed rate, each alert timed from when it was due. */
		PACED,

		/** Concurrent desk clients, each waiting for its last answer. */
		DESKS

	}

	/**
	 * What alerts go through, and the points where the harness sees them arrive: one leg
	 * per point, the first leg the delivery that counts for throughput unless
	 * {@code deliveryLeg} says otherwise.
	 */
	enum Pipeline {

		RAW(List.of(Point.RAW_CONSUMED), "producer -> consumer"),

		FLOOR(List.of(Point.FLOOR_RECEIVED), "outbox -> received, 2 transactional hops"),

		PROTOCOL(List.of(Point.PROTOCOL_INBOX, Point.PROTOCOL_ACK), "outbox -> partner inbox (hop 2 committed)",
				"outbox -> RECEIVED taken at origin (hop 3 committed)"),

		HUB(List.of(Point.HUB_INBOX, Point.HUB_RECEIVED), "outbox -> LA-HO inbox (desk's event stream)",
				"outbox -> RECEIVED at VN-05 (acks, read_committed)"),

		DESK(List.of(Point.FILED, Point.HUB_INBOX, Point.HUB_RECEIVED), "request -> 201 Created",
				"request -> LA-HO inbox (desk's event stream)", "request -> RECEIVED at VN-05 (acks, read_committed)");

		private final List<Point> points;

		private final List<String> legs;

		Pipeline(List<Point> points, String... legs) {
			this.points = points;
			this.legs = List.of(legs);
		}

		List<Point> points() {
			return this.points;
		}

		List<String> legs() {
			return this.legs;
		}

		/** The leg whose arrivals are the lane's deliveries. */
		int deliveryLeg() {
			return (this == DESK) ? 1 : 0;
		}

	}

	/** A point where the harness sees alerts arrive. */
	enum Point {

		/** The raw consumer read it. */
		RAW_CONSUMED,

		/** The floor's second hop committed it, read back read_committed. */
		FLOOR_RECEIVED,

		/** The protocol floor's second hop (the partner) committed its transaction. */
		PROTOCOL_INBOX,

		/** The protocol floor's third hop (the origin) committed the RECEIVED it read. */
		PROTOCOL_ACK,

		/** Son La's desk API answered 201 Created. */
		FILED,

		/** Houaphan's desk event stream announced it. */
		HUB_INBOX,

		/** Son La's acks topic holds a committed RECEIVED from Houaphan. */
		HUB_RECEIVED

	}

}
