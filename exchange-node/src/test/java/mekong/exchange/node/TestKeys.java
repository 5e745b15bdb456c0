package mekong.exchange.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mekong.exchange.boot.signing.SigningSerializer;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.core.signing.SignatureHeaders;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Signing keys of the nodes the tests play, made once per test run, and every node's key
 * directory listing them all: Son La and Houaphan run as nodes; Luang Prabang and Banteay
 * Meanchey only send from the tests.
 */
final class TestKeys {

	static final Map<String, NodeKey> KEYS = Map.of("VN-05", NodeKey.generate(NodeId.of("VN-05"), "test"), "LA-HO",
			NodeKey.generate(NodeId.of("LA-HO"), "test"), "LA-LP", NodeKey.generate(NodeId.of("LA-LP"), "test"), "KH-1",
			NodeKey.generate(NodeId.of("KH-1"), "test"));

	/**
	 * One signer per key, as a node holds one: a signer made anew per record parses its
	 * key and derives its public key again, which costs about as much as the signature.
	 */
	private static final Map<String, Signer> SIGNERS = new ConcurrentHashMap<>();

	private TestKeys() {
	}

	/** The settings that give {@code node} its key and the directory of every key. */
	static List<String> arguments(String node) {
		NodeKey own = KEYS.get(node);
		List<String> arguments = new ArrayList<>(
				List.of("--mekong.signing.key-id=" + own.keyId(), "--mekong.signing.private-key=" + own.privateKey()));
		int i = 0;
		for (NodeKey key : KEYS.values()) {
			arguments.add("--mekong.signing.directory[" + i + "].node=" + key.node());
			arguments.add("--mekong.signing.directory[" + i + "].key-id=" + key.keyId());
			arguments.add("--mekong.signing.directory[" + i + "].public-key=" + key.publicKey());
			i++;
		}
		return arguments;
	}

	static Signer signerOf(String node) {
		return SIGNERS.computeIfAbsent(node, (code) -> new Signer(KEYS.get(code).keyId(), KEYS.get(code).privateKey()));
	}

	/**
	 * {@code record} with {@code node}'s signature of its value, whatever the value is:
	 * what a partner may send, since it signs what it writes.
	 */
	static ProducerRecord<String, byte[]> signedBy(String node, ProducerRecord<String, byte[]> record) {
		return withSignature(record, signerOf(node), record.value());
	}

	/**
	 * {@code record} with the headers of the signature {@code signer} makes of
	 * {@code signed}: its value's bytes, or other bytes for a forged record.
	 */
	static ProducerRecord<String, byte[]> withSignature(ProducerRecord<String, byte[]> record, Signer signer,
			byte[] signed) {
		record.headers()
			.add(SignatureHeaders.SIGNATURE, signer.sign(signed))
			.add(SignatureHeaders.KEY_ID, signer.keyId().getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/**
	 * A producer that writes as {@code node}'s router would: Avro in Confluent's wire
	 * format, signed by its key.
	 */
	static KafkaProducer<String, Object> producerOf(String node, String bootstrapServers) {
		AvroWireSerializer values = new AvroWireSerializer();
		values.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringSerializer(), new SigningSerializer(values, signerOf(node)));
	}

}
