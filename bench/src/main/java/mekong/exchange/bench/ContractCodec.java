package mekong.exchange.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.signing.KeyDirectory;
import mekong.exchange.core.signing.SignatureHeaders;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.core.signing.Verification;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The exchange's records as its nodes write and read them, with the project's public
 * classes: Avro in Confluent's wire format ({@link AvroWireSerializer}), the schema of
 * the contract topic's subject as the registry holds it (looked up, never registered: the
 * registry lets anyone read and only the nodes write), and, where a node signs
 * ({@link Topics#isShared}: what it writes for other nodes), its Ed25519 signature in the
 * headers. Bench topics are encoded under the contract topic they stand for, so that they
 * carry the hub's very bytes.
 */
final class ContractCodec {

	private final AvroWireSerializer encoder;

	private final AvroWireDeserializer decoder;

	ContractCodec(SchemaRegistryClient registry) {
		this.encoder = new AvroWireSerializer(registry);
		this.encoder.configure(Map.of("auto.register.schemas", false, "use.latest.version", true), false);
		this.decoder = new AvroWireDeserializer(registry);
		this.decoder.configure(Map.of("specific.avro.reader", true), false);
	}

	/**
	 * {@code value} as a node writes it to {@code contractTopic}: its bytes, and its
	 * headers with {@code signer}'s signature if the topic is one a node signs.
	 */
	Encoded encode(String contractTopic, Object value, Signer signer) {
		Headers headers = new RecordHeaders();
		return new Encoded(encodeInto(contractTopic, headers, value, signer), headers);
	}

	private byte[] encodeInto(String contractTopic, Headers headers, Object value, Signer signer) {
		byte[] bytes = this.encoder.serialize(contractTopic, headers, value);
		if (bytes != null && Topics.isShared(contractTopic)) {
			sign(bytes, headers, signer);
		}
		return bytes;
	}

	/** Signs {@code bytes} into {@code headers}, replacing any signature there. */
	static void sign(byte[] bytes, Headers headers, Signer signer) {
		headers.remove(SignatureHeaders.SIGNATURE).remove(SignatureHeaders.KEY_ID);
		headers.add(SignatureHeaders.SIGNATURE, signer.sign(bytes));
		headers.add(SignatureHeaders.KEY_ID, signer.keyId().getBytes(StandardCharsets.UTF_8));
	}

	static boolean signed(Headers headers) {
		return headers.lastHeader(SignatureHeaders.SIGNATURE) != null;
	}

	Object decode(String topic, Headers headers, byte[] bytes) {
		return this.decoder.deserialize(topic, headers, bytes);
	}

	/** Whether {@code writer} signed exactly {@code bytes}, by the keys of the stack. */
	static Verification verify(KeyDirectory keys, String writer, Headers headers, byte[] bytes) {
		Header keyId = headers.lastHeader(SignatureHeaders.KEY_ID);
		Header signature = headers.lastHeader(SignatureHeaders.SIGNATURE);
		return keys.verify(NodeId.of(writer),
				(keyId != null) ? new String(keyId.value(), StandardCharsets.UTF_8) : null,
				(signature != null) ? signature.value() : null, bytes);
	}

	/**
	 * A value serializer that writes as a node's producer does: encoded for the record's
	 * topic, signed by {@code signer} where the node signs.
	 */
	Serializer<Object> serializerSigningAs(Signer signer) {
		return new Serializer<>() {

			@Override
			public byte[] serialize(String topic, Object data) {
				return serialize(topic, new RecordHeaders(), data);
			}

			@Override
			public byte[] serialize(String topic, Headers headers, Object data) {
				return encodeInto(topic, headers, data, signer);
			}

		};
	}

	/** A record's value and headers as written. */
	record Encoded(byte[] value, Headers headers) {
	}

}
