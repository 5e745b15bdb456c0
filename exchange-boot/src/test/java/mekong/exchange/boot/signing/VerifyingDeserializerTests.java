package mekong.exchange.boot.signing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.fixtures.InMemorySchemaRegistry;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.signing.KeyDirectory;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.core.signing.SignatureHeaders;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.core.signing.UnverifiedRecordException;
import mekong.exchange.core.signing.Verification;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Houaphan's consumer side reads from the topics its partners write: the signature
 * is checked before anything is decoded, so that bytes no partner signed (with a schema
 * id made up to send the node to its registry) cost one signature check and nothing more.
 */
class VerifyingDeserializerTests {

	private static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	private static final String INBOX = "exchange.LA-HO.inbox";

	private final NodeKey sonLa = NodeKey.generate(NodeId.of("VN-05"), "test");

	private final NodeKey luangPrabang = NodeKey.generate(NodeId.of("LA-LP"), "test");

	private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);

	private final AtomicInteger decoded = new AtomicInteger();

	private final VerifyingDeserializer deserializer = new VerifyingDeserializer(decoder(),
			new KeyDirectory(List.of(entry(this.sonLa), entry(this.luangPrabang))), HOUAPHAN);

	private final Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();

	private final byte[] encoded = encoded(this.alert);

	@Test
	void neverDecodesWhatNoPartnerSigned() {
		byte[] madeUpSchemaId = { 0, 0x12, 0x34, 0x56, 0x78, 1, 2, 3 };
		NodeKey stranger = NodeKey.generate(NodeId.of("VN-05"), "stolen-laptop");
		byte[] tampered = this.encoded.clone();
		tampered[tampered.length - 1] ^= 1;

		assertRefused(madeUpSchemaId, new RecordHeaders(), Verification.UNSIGNED);
		assertRefused(madeUpSchemaId, signedBy(stranger, madeUpSchemaId), Verification.UNKNOWN_KEY);
		assertRefused(tampered, signedBy(this.sonLa, this.encoded), Verification.BAD_SIGNATURE);
		assertThat(this.decoded).hasValue(0);
	}

	@Test
	void decodesAnAlertSignedByItsOriginAndRefusesOneSignedByAnotherPartner() {
		assertThat(this.deserializer.deserialize(INBOX, signedBy(this.sonLa, this.encoded), this.encoded))
			.isEqualTo(this.alert);
		assertRefused(this.encoded, signedBy(this.luangPrabang, this.encoded), Verification.KEY_OF_ANOTHER_NODE);
	}

	@Test
	void decodesWhatOnlyTheNodeItselfWritesWithoutASignature() {
		String outbox = "exchange.LA-HO.outbox";

		assertThat(this.deserializer.deserialize(outbox, new RecordHeaders(), encoded(outbox, this.alert)))
			.isEqualTo(this.alert);
	}

	private void assertRefused(byte[] data, Headers headers, Verification expected) {
		assertThatExceptionOfType(UnverifiedRecordException.class)
			.isThrownBy(() -> this.deserializer.deserialize(INBOX, headers, data))
			.satisfies((refused) -> assertThat(refused.verification()).isEqualTo(expected));
	}

	private static Headers signedBy(NodeKey key, byte[] data) {
		Headers headers = new RecordHeaders();
		headers.add(SignatureHeaders.KEY_ID, key.keyId().getBytes(UTF_8));
		headers.add(SignatureHeaders.SIGNATURE, new Signer(key.keyId(), key.privateKey()).sign(data));
		return headers;
	}

	private byte[] encoded(Alert value) {
		return encoded(INBOX, value);
	}

	private byte[] encoded(String topic, Alert value) {
		try (AvroWireSerializer serializer = new AvroWireSerializer(this.registry)) {
			serializer.configure(Map.of(), false);
			return serializer.serialize(topic, value);
		}
	}

	/** The project's Avro deserializer, counting what it is given to decode. */
	private Deserializer<Object> decoder() {
		AvroWireDeserializer avro = new AvroWireDeserializer(this.registry);
		avro.configure(Map.of("specific.avro.reader", true), false);
		return new Deserializer<>() {

			@Override
			public Object deserialize(String topic, byte[] data) {
				VerifyingDeserializerTests.this.decoded.incrementAndGet();
				return avro.deserialize(topic, data);
			}

			@Override
			public Object deserialize(String topic, Headers headers, byte[] data) {
				VerifyingDeserializerTests.this.decoded.incrementAndGet();
				return avro.deserialize(topic, headers, data);
			}

		};
	}

	private static KeyDirectory.Entry entry(NodeKey key) {
		return new KeyDirectory.Entry(key.node(), key.keyId(), key.publicKey());
	}

}
