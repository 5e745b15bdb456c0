package mekong.exchange.boot.signing;

import java.util.Map;

import mekong.exchange.core.signing.SignatureHeaders;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Signs the bytes another serializer writes for a topic several nodes write
 * ({@link Topics#isShared}), in the record's headers, so that its reader can tell which
 * node wrote them. What goes to the node's own topics is not signed: only the node may
 * write them.
 */
public final class SigningSerializer implements Serializer<Object> {

	private final Serializer<Object> delegate;

	private final Signer signer;

	public SigningSerializer(Serializer<Object> delegate, Signer signer) {
		this.delegate = delegate;
		this.signer = signer;
	}

	/**
	 * Leaves the delegate as the node configured it: one instance serves all the node's
	 * clients, and a client's own settings (Spring's producer factory passes its producer
	 * settings) must not undo the node's, such as looking schemas up rather than
	 * registering them.
	 */
	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
	}

	@Override
	public byte[] serialize(String topic, Object data) {
		throw new IllegalStateException("A signature travels in the headers: Kafka always passes them");
	}

	@Override
	public byte[] serialize(String topic, Headers headers, Object data) {
		byte[] bytes = this.delegate.serialize(topic, headers, data);
		if (bytes != null && Topics.isShared(topic)) {
			headers.remove(SignatureHeaders.SIGNATURE).remove(SignatureHeaders.KEY_ID);
			headers.add(SignatureHeaders.SIGNATURE, this.signer.sign(bytes));
			headers.add(SignatureHeaders.KEY_ID, this.signer.keyId().getBytes(UTF_8));
		}
		return bytes;
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
