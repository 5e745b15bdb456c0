package mekong.exchange.producer.streams;

/**
 * The producer side of a node as a Kafka Streams application: its name, part of its
 * application id ({@code mekong-<node>-producer}) and of its state stores' changelogs.
 */
public final class ProducerSide {

	public static final String NAME = "producer";

	private ProducerSide() {
	}

}
