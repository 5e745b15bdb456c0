package mekong.exchange.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sending side of a node on its own: desks file alerts, which go to the node's
 * outbox, where the router delivers them to partners and the sender view follows what
 * happened to them. Usually composed with the consumer side in one node process.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProducerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProducerApplication.class, args);
	}

}
