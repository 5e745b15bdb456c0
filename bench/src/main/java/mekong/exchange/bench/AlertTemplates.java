package mekong.exchange.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The alerts of the bench mix as Son La's outbox holds them, encoded once: each alert the
 * raw and floor lanes send is a copy of one of them with a new alert id written over the
 * old one (the id is an Avro string of fixed length), so they send the hub's bytes
 * without paying the encoding, and the protocol floor decodes an alert whose id is its
 * key. If the outbox is signed, the copy is signed again.
 */
final class AlertTemplates {

	private static final int COUNT = 300;

	private final List<Template> templates = new ArrayList<>();

	private final Signer signer;

	private final int averageSize;

	AlertTemplates(ContractCodec codec, Signer signer) {
		this.signer = signer;
		String outbox = Topics.outbox(StackClients.SON_LA).name();
		long bytes = 0;
		for (int i = 0; i < COUNT; i++) {
			Alert alert = BenchAlerts.next(i);
			ContractCodec.Encoded encoded = codec.encode(outbox, alert, signer);
			int at = indexOf(encoded.value(), alert.getAlertId().toString().getBytes(StandardCharsets.US_ASCII));
			if (at < 0) {
				throw new IllegalStateException("The encoded alert does not hold its id as text");
			}
			this.templates.add(new Template(encoded.value(), encoded.headers(), at));
			bytes += encoded.value().length;
		}
		this.averageSize = (int) (bytes / COUNT);
		UUID probe = UUID.randomUUID();
		Object decoded = codec.decode(outbox, new RecordHeaders(), next(0, probe).value());
		if (!(decoded instanceof Alert alert) || !alert.getAlertId().equals(probe)) {
			throw new IllegalStateException("A copied alert does not decode with its new id: " + decoded);
		}
	}

	/** Bytes of an encoded alert, on average. */
	int averageSize() {
		return this.averageSize;
	}

	/** The {@code index}-th alert of a lane, with the id {@code alertId}. */
	Copy next(long index, UUID alertId) {
		Template template = this.templates.get((int) (index % COUNT));
		byte[] value = Arrays.copyOf(template.value(), template.value().length);
		byte[] id = alertId.toString().getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(id, 0, value, template.idAt(), id.length);
		Headers headers = new RecordHeaders(template.headers().toArray());
		if (ContractCodec.signed(headers)) {
			ContractCodec.sign(value, headers, this.signer);
		}
		return new Copy(value, headers);
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i + part.length <= bytes.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** An alert ready to send: its value and headers. */
	record Copy(byte[] value, Headers headers) {
	}

	private record Template(byte[] value, Headers headers, int idAt) {
	}

}
