package mekong.exchange.consumer.inbox;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An inbox entry in the view's store and its changelog, without the registry: a format
 * byte, when the newest revision was taken (-1 while none is), then the revisions and the
 * desks' answers, each in Avro's single-object encoding, which names the schema it was
 * written with by its fingerprint.
 */
final class InboxEntrySerde {

	private static final byte FORMAT = 1;

	private InboxEntrySerde() {
	}

	static Serde<InboxEntry> serde() {
		Serializer<InboxEntry> serializer = (topic, entry) -> write(entry);
		Deserializer<InboxEntry> deserializer = (topic, bytes) -> read(bytes);
		return Serdes.serdeFrom(serializer, deserializer);
	}

	private static byte[] write(InboxEntry entry) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeLong((entry.receivedAt() != null) ? entry.receivedAt().toEpochMilli() : -1);
			out.writeInt(entry.revisions().size());
			for (Alert alert : entry.revisions()) {
				writeBlock(out, Alert.getEncoder().encode(alert));
			}
			out.writeInt(entry.deskAcks().size());
			for (Acknowledgement ack : entry.deskAcks()) {
				writeBlock(out, Acknowledgement.getEncoder().encode(ack));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void writeBlock(DataOutputStream out, ByteBuffer block) throws IOException {
		out.writeInt(block.remaining());
		out.write(block.array(), block.arrayOffset() + block.position(), block.remaining());
	}

	private static InboxEntry read(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		byte format = in.get();
		if (format != FORMAT) {
			throw new SerializationException("An inbox entry in format " + format + ", which this node does not know");
		}
		long receivedAt = in.getLong();
		try {
			List<Alert> revisions = new ArrayList<>();
			for (int i = in.getInt(); i > 0; i--) {
				revisions.add(Alert.getDecoder().decode(block(in)));
			}
			List<Acknowledgement> acks = new ArrayList<>();
			for (int i = in.getInt(); i > 0; i--) {
				acks.add(Acknowledgement.getDecoder().decode(block(in)));
			}
			return new InboxEntry(revisions, (receivedAt >= 0) ? Instant.ofEpochMilli(receivedAt) : null, acks);
		}
		catch (IOException ex) {
			throw new SerializationException("An inbox entry could not be read", ex);
		}
	}

	private static ByteBuffer block(ByteBuffer in) {
		int length = in.getInt();
		ByteBuffer block = in.slice(in.position(), length);
		in.position(in.position() + length);
		return block;
	}

}
