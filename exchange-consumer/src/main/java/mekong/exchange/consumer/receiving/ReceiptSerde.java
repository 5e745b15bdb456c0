package mekong.exchange.consumer.receiving;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import mekong.exchange.core.dedup.Receipt;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A receipt in the receiver's store and its changelog: the revision as four bytes, then
 * the origin's code in UTF-8.
 */
final class ReceiptSerde {

	private ReceiptSerde() {
	}

	static Serde<Receipt.Taken> serde() {
		Serializer<Receipt.Taken> serializer = (topic, taken) -> {
			byte[] origin = taken.origin().code().getBytes(StandardCharsets.UTF_8);
			return ByteBuffer.allocate(Integer.BYTES + origin.length).putInt(taken.revision()).put(origin).array();
		};
		Deserializer<Receipt.Taken> deserializer = (topic, bytes) -> {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			int revision = buffer.getInt();
			return new Receipt.Taken(NodeId.of(StandardCharsets.UTF_8.decode(buffer).toString()), revision);
		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

}
