package mekong.exchange.boot.kafka;

import java.util.Map;

import org.apache.avro.Schema;

/**
 * The schemas of the state records a side of the node keeps in its stores, by the subject
 * of each store's changelog: registered at start-up with the contract's schemas, under
 * the same BACKWARD rule, so that what one version wrote the next reads.
 */
public record StateSubjects(Map<String, Schema> schemas) {

	public StateSubjects {
		schemas = Map.copyOf(schemas);
	}

}
