package mekong.exchange.boot.signing;

import java.util.Map;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.KeyDirectory;
import mekong.exchange.core.signing.SignatureHeaders;
import mekong.exchange.core.signing.UnverifiedRecordException;
import mekong.exchange.core.signing.Verification;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Decodes with another deserializer, then, for alerts arriving in the node's inbox,
 * checks that they are signed by a key of the node they claim as origin, over exactly the
 * bytes received. Anything else fails to decode, so it goes to the dead-letter topic and
 * never reaches a desk.
 */
public final class VerifyingDeserializer implements Deserializer<Object> {

	private final Deserializer<Object> delegate;

	private final KeyDirectory directory;

	private final String inbox;

	public VerifyingDeserializer(Deserializer<Object> delegate, KeyDirectory directory, String inbox) {
		this.delegate = delegate;
		this.directory = directory;
		this.inbox = inbox;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.delegate.configure(configs, isKey);
	}

	@Override
	public Object deserialize(String topic, byte[] data) {
		throw new IllegalStateException("A signature travels in the headers: Kafka always passes them");
	}

	@Override
	public Object deserialize(String topic, Headers headers, byte[] data) {
		Object value = this.delegate.deserialize(topic, headers, data);
		if (this.inbox.equals(topic) && value instanceof Alert alert) {
			String origin = alert.getOrigin().getNodeId();
			Verification verification = NodeId.isValid(origin)
					? this.directory.verify(NodeId.of(origin), text(headers.lastHeader(SignatureHeaders.KEY_ID)),
							bytes(headers.lastHeader(SignatureHeaders.SIGNATURE)), data)
					: Verification.UNKNOWN_KEY;
			if (verification != Verification.VALID) {
				throw new UnverifiedRecordException(verification,
						"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " in " + topic
								+ " claims origin " + origin + " but its signature is " + verification + " (key "
								+ text(headers.lastHeader(SignatureHeaders.KEY_ID)) + ")");
			}
		}
		return value;
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private static String text(Header header) {
		return (header != null) ? new String(header.value(), UTF_8) : null;
	}

	private static byte[] bytes(Header header) {
		return (header != null) ? header.value() : null;
	}

}
