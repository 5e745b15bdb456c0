package mekong.exchange.producer.tracking;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.boot.streams.AvroBlocks;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A sent alert in the view's store and its changelog, without the registry: a format
 * byte, the alert id, the revisions, acknowledgements and escalations as
 * {@link AvroBlocks}, then the idempotent requests (key, fingerprint, revision).
 */
final class SentAlertSerde {

	private static final byte FORMAT = 1;

	private SentAlertSerde() {
	}

	static Serde<SentAlert> serde() {
		Serializer<SentAlert> serializer = (topic, alert) -> write(alert);
		Deserializer<SentAlert> deserializer = (topic, bytes) -> read(bytes);
		return Serdes.serdeFrom(serializer, deserializer);
	}

	private static byte[] write(SentAlert alert) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeLong(alert.alertId().getMostSignificantBits());
			out.writeLong(alert.alertId().getLeastSignificantBits());
			AvroBlocks.write(out, alert.revisions(), Alert.getEncoder());
			AvroBlocks.write(out, alert.acks(), Acknowledgement.getEncoder());
			AvroBlocks.write(out, alert.escalations(), Escalation.getEncoder());
			out.writeInt(alert.requests().size());
			for (IdempotentRequest request : alert.requests()) {
				writeText(out, request.key());
				writeText(out, request.fingerprint());
				out.writeInt(request.revision());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static SentAlert read(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		byte format = in.get();
		if (format != FORMAT) {
			throw new SerializationException("A sent alert in format " + format + ", which this node does not know");
		}
		UUID alertId = new UUID(in.getLong(), in.getLong());
		try {
			List<Alert> revisions = AvroBlocks.read(in, Alert.getDecoder());
			List<Acknowledgement> acks = AvroBlocks.read(in, Acknowledgement.getDecoder());
			List<Escalation> escalations = AvroBlocks.read(in, Escalation.getDecoder());
			List<IdempotentRequest> requests = new ArrayList<>();
			for (int i = in.getInt(); i > 0; i--) {
				requests.add(new IdempotentRequest(readText(in), readText(in), in.getInt()));
			}
			return new SentAlert(alertId, revisions, acks, escalations, requests);
		}
		catch (IOException ex) {
			throw new SerializationException("A sent alert could not be read", ex);
		}
	}

	private static void writeText(DataOutputStream out, String text) throws IOException {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static String readText(ByteBuffer in) {
		byte[] utf8 = new byte[in.getInt()];
		in.get(utf8);
		return new String(utf8, StandardCharsets.UTF_8);
	}

}
