package mekong.exchange.core.registry;

import org.apache.avro.Schema;

/** One version of a subject, as the registry holds it. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
