package mekong.exchange.boot.signing;

import java.util.Map;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.acks.AckWriters;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.KeyDirectory;
import mekong.exchange.core.signing.SignatureHeaders;
import mekong.exchange.core.signing.UnverifiedRecordException;
import mekong.exchange.core.signing.Verification;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Checks the signature of what other nodes may have written, over exactly the bytes
 * received, then decodes it with another deserializer; what no partner signed is never
 * decoded, so it costs no schema lookup in the registry:
 * <ul>
 * <li>an alert in the node's inbox must be signed by a key of the node it claims as
 * origin;</li>
 * <li>an acknowledgement in the node's acks topic must be signed by a key of the node
 * that acknowledges ({@link AckWriters}): the addressee it names. ROUTED and
 * DENIED_BY_POLICY would have to be signed by the node itself, which never writes them
 * there.</li>
 * </ul>
 * Anything else fails to decode, so it goes to the dead-letter topic and never reaches a
 * desk.
 */
public final class VerifyingDeserializer implements Deserializer<Object> {

	private final Deserializer<Object> delegate;

	private final KeyDirectory directory;

	private final NodeId node;

	private final String inbox;

	private final String acks;

	public VerifyingDeserializer(Deserializer<Object> delegate, KeyDirectory directory, NodeId node) {
		this.delegate = delegate;
		this.directory = directory;
		this.node = node;
		this.inbox = Topics.inbox(node).name();
		this.acks = Topics.acks(node).name();
	}

	/**
	 * Leaves the delegate as the node configured it: one instance serves all the node's
	 * clients, and a client's own settings must not undo the node's, such as reading into
	 * the contract's generated classes.
	 */
	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
	}

	@Override
	public Object deserialize(String topic, byte[] data) {
		throw new IllegalStateException("A signature travels in the headers: Kafka always passes them");
	}

	@Override
	public Object deserialize(String topic, Headers headers, byte[] data) {
		boolean writtenByPartners = this.inbox.equals(topic) || this.acks.equals(topic);
		if (data == null || !writtenByPartners) {
			return this.delegate.deserialize(topic, headers, data);
		}
		String keyId = text(headers.lastHeader(SignatureHeaders.KEY_ID));
		KeyDirectory.Signed signed = this.directory.check(keyId, bytes(headers.lastHeader(SignatureHeaders.SIGNATURE)),
				data);
		if (signed.verification() != Verification.VALID) {
			throw new UnverifiedRecordException(signed.verification(), "A record in " + topic
					+ " was not decoded: its signature is " + signed.verification() + " (key " + keyId + ")");
		}
		Object value = this.delegate.deserialize(topic, headers, data);
		if (this.inbox.equals(topic) && value instanceof Alert alert) {
			claimedBy(signed, alert.getOrigin().getNodeId(), "Alert " + alert.getAlertId() + " revision "
					+ alert.getRevision() + " in " + topic + " claims origin " + alert.getOrigin().getNodeId());
		}
		else if (this.acks.equals(topic) && value instanceof Acknowledgement ack) {
			String writer = AckWriters.writerOf(ack, this.node.code());
			claimedBy(signed, writer,
					ack.getStatus() + " acknowledgement of alert " + ack.getAlertId() + " revision " + ack.getRevision()
							+ " for " + ack.getRecipientNode() + " in " + topic + " must come from " + writer);
		}
		return value;
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private static void claimedBy(KeyDirectory.Signed signed, String claimedWriter, String record) {
		Verification verification = signed.claimedBy(NodeId.isValid(claimedWriter) ? NodeId.of(claimedWriter) : null);
		if (verification != Verification.VALID) {
			throw new UnverifiedRecordException(verification,
					record + " but it is signed by " + signed.signer() + " (" + verification + ")");
		}
	}

	private static String text(Header header) {
		return (header != null) ? new String(header.value(), UTF_8) : null;
	}

	private static byte[] bytes(Header header) {
		return (header != null) ? header.value() : null;
	}

}
