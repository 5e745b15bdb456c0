package mekong.exchange.node;

import mekong.exchange.consumer.ConsumerApplication;
import mekong.exchange.producer.ProducerApplication;

import org.springframework.boot.SpringApplication;

/**
 * A whole node in one process: the desk gateway (producer side) and the router and
 * receiver (consumer side). The two sides never call each other; they meet only through
 * the node's Kafka topics, so each can also run and scale as a process of its own
 * ({@link ProducerApplication}, {@link ConsumerApplication}).
 */
public final class NodeApplication {

	private NodeApplication() {
	}

	public static void main(String[] args) {
		application().run(args);
	}

	/** A node application, for launchers that set its properties before running it. */
	public static SpringApplication application() {
		return new SpringApplication(ProducerApplication.class, ConsumerApplication.class);
	}

}
