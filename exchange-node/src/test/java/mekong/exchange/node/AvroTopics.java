package mekong.exchange.node;

import java.util.Map;
import java.util.function.BiConsumer;

import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.testing.CommittedRecords;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A node's topics as the tests read them: committed records, values in Avro. */
final class AvroTopics {

	private AvroTopics() {
	}

	/**
	 * Hands {@code each} the key and value (a generated Avro class) of every committed
	 * record of {@code topic} on {@code broker}, read as its administrator, in the
	 * registry of the test JVM.
	 */
	static void readCommitted(LocalKafkaBroker broker, String topic, BiConsumer<String, Object> each) {
		AvroWireDeserializer values = new AvroWireDeserializer();
		values.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url(), "specific.avro.reader", true),
				false);
		CommittedRecords.of(broker.adminSettings(), topic, new StringDeserializer(), values)
			.forEach((record) -> each.accept(record.key(), record.value()));
	}

}
