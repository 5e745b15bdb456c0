package mekong.exchange.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The desk gateway of a node on its own: desks file alerts, which go to the node's
 * outbox, and follow what happened to them. Usually composed with the consumer side in
 * one node process.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProducerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProducerApplication.class, args);
	}

}
