package mekong.exchange.consumer.inbox;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.boot.streams.AvroBlocks;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An inbox entry in the view's store and its changelog, without the registry: a format
 * byte, when the newest revision was taken (-1 while none is), then the revisions and the
 * desks' answers as {@link AvroBlocks}.
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
			AvroBlocks.write(out, entry.revisions(), Alert.getEncoder());
			AvroBlocks.write(out, entry.deskAcks(), Acknowledgement.getEncoder());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static InboxEntry read(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		byte format = in.get();
		if (format != FORMAT) {
			throw new SerializationException("An inbox entry in format " + format + ", which this node does not know");
		}
		long receivedAt = in.getLong();
		try {
			List<Alert> revisions = AvroBlocks.read(in, Alert.getDecoder());
			List<Acknowledgement> acks = AvroBlocks.read(in, Acknowledgement.getDecoder());
			return new InboxEntry(revisions, (receivedAt >= 0) ? Instant.ofEpochMilli(receivedAt) : null, acks);
		}
		catch (IOException ex) {
			throw new SerializationException("An inbox entry could not be read", ex);
		}
	}

}
