package mekong.exchange.consumer.streams;

/**
 * The consumer side of a node as a Kafka Streams application: its name, part of its
 * application id ({@code mekong-<node>-consumer}) and of its state stores' changelogs.
 */
public final class ConsumerSide {

	public static final String NAME = "consumer";

	private ConsumerSide() {
	}

}
