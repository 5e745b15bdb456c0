package mekong.exchange.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.bench.Lane.Point;
import mekong.exchange.core.acks.Acknowledgements;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.KeyDirectory;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.core.signing.Verification;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol floor: the exchange's work per alert, done with bare Kafka clients
 * ({@link TransactionalHop}: read_committed, transactional, offsets in the transaction, a
 * commit every 100 ms) and the project's public serde and signing classes, and nothing
 * else: no state store, no view, no routing policy. It is the honest limit of the design
 * on this machine, against which the hub's throughput and latency are read.
 * <ol>
 * <li>At the origin (Son La): consume the outbox, decode the Avro alert, write the
 * partner's inbox record (encoded, signed by Son La) and two audit events, FILED and
 * ROUTED (not signed: the audit topic is the node's own), in one transaction with the
 * offsets. As the nodes' sending side, it keeps its routing decision at home: no ROUTED
 * goes to the acks topic.</li>
 * <li>At the partner (Houaphan): consume the inbox, decode, verify Son La's signature,
 * write a RECEIVED acknowledgement to the origin's acks topic (signed by Houaphan) and an
 * audit event, in one transaction with the offsets. The alert is delivered once this
 * transaction committed ({@link Point#PROTOCOL_INBOX}).</li>
 * <li>At the origin again: consume the acks (RECEIVED only), decode, verify Houaphan's
 * signature, write an audit event, in one transaction with the offsets; a RECEIVED is
 * taken once it committed ({@link Point#PROTOCOL_ACK}).</li>
 * </ol>
 * Records are encoded under the contract topics they stand for (Son La's outbox,
 * Houaphan's inbox, Son La's acks, each node's audit), and written to bench topics with
 * as many partitions as Son La's outbox, so that the nodes never see them. It runs as the
 * broker's administrator, like the Kafka floor.
 */
final class ProtocolFloor implements AutoCloseable {

	static final String OUTBOX = "bench.protocol.outbox";

	static final String INBOX = "bench.protocol.inbox";

	static final String ACKS = "bench.protocol.acks";

	static final String ORIGIN_AUDIT = "bench.protocol.audit.origin";

	static final String PARTNER_AUDIT = "bench.protocol.audit.partner";

	static final List<String> TOPICS = List.of(OUTBOX, INBOX, ACKS, ORIGIN_AUDIT, PARTNER_AUDIT);

	/** The agreement a routing decision names, as the stack's agreements call it. */
	private static final String AGREEMENT = "VN-05~LA-HO/2023";

	private static final Logger log = LoggerFactory.getLogger(ProtocolFloor.class);

	private static final NodeId ORIGIN = StackClients.SON_LA;

	private static final NodeId PARTNER = StackClients.HOUAPHAN;

	private final ContractCodec codec;

	private final KeyDirectory keys;

	private final Signer origin;

	private final Signer partner;

	private final ArrivalPoints points;

	private final AtomicLong unverified = new AtomicLong();

	private final List<TransactionalHop> hops;

	ProtocolFloor(Map<String, Object> clientSettings, ContractCodec codec, StackClients stack, ArrivalPoints points) {
		this.codec = codec;
		this.keys = stack.keyDirectory();
		this.origin = stack.signerOf(ORIGIN);
		this.partner = stack.signerOf(PARTNER);
		this.points = points;
		this.hops = List.of(new Route(clientSettings), new Receive(clientSettings), new TakeAcks(clientSettings));
		this.hops.forEach(Thread::start);
	}

	/** Records whose signature did not verify (none, unless something is wrong). */
	long unverified() {
		return this.unverified.get();
	}

	@Override
	public void close() throws InterruptedException {
		for (TransactionalHop hop : this.hops) {
			hop.finish();
		}
	}

	private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key,
			ContractCodec.Encoded encoded) {
		producer.send(new ProducerRecord<>(topic, null, key, encoded.value(), encoded.headers()));
	}

	private boolean verified(String writer, ConsumerRecord<byte[], byte[]> record, String what) {
		Verification verification = ContractCodec.verify(this.keys, writer, record.headers(), record.value());
		if (verification != Verification.VALID && this.unverified.getAndIncrement() < 10) {
			log.error("{} in {} is not signed by {}: {}", what, record.topic(), writer, verification);
		}
		return verification == Verification.VALID;
	}

	private static UUID idOf(ConsumerRecord<byte[], byte[]> record) {
		return UUID.fromString(new String(record.key(), StandardCharsets.UTF_8));
	}

	/**
	 * Hop 1, Son La's sending side: outbox to the partner's inbox, FILED and ROUTED
	 * audited.
	 */
	private final class Route extends TransactionalHop {

		private final String outbox = Topics.outbox(ORIGIN).name();

		private final String inbox = Topics.inbox(PARTNER).name();

		private final String audit = Topics.audit(ORIGIN).name();

		Route(Map<String, Object> clientSettings) {
			super("protocol-route", OUTBOX, clientSettings);
		}

		@Override
		protected UUID process(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> producer) {
			Alert alert = (Alert) ProtocolFloor.this.codec.decode(this.outbox, record.headers(), record.value());
			Signer signer = ProtocolFloor.this.origin;
			send(producer, INBOX, record.key(), ProtocolFloor.this.codec.encode(this.inbox, alert, signer));
			Acknowledgement routed = Acknowledgements.routed(alert, PARTNER, AGREEMENT, Instant.now());
			send(producer, ORIGIN_AUDIT, record.key(),
					ProtocolFloor.this.codec.encode(this.audit, AuditEvents.sent(alert, "bench"), signer));
			send(producer, ORIGIN_AUDIT, record.key(), ProtocolFloor.this.codec.encode(this.audit,
					AuditEvents.acknowledged(routed, ORIGIN.code()), signer));
			return null;
		}

	}

	/** Hop 2, Houaphan's receiver: inbox, verified, to RECEIVED and audit. */
	private final class Receive extends TransactionalHop {

		private final String inbox = Topics.inbox(PARTNER).name();

		private final String acks = Topics.acks(ORIGIN).name();

		private final String audit = Topics.audit(PARTNER).name();

		Receive(Map<String, Object> clientSettings) {
			super("protocol-receive", INBOX, clientSettings);
		}

		@Override
		protected UUID process(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> producer) {
			Alert alert = (Alert) ProtocolFloor.this.codec.decode(this.inbox, record.headers(), record.value());
			if (!verified(alert.getOrigin().getNodeId(), record, "Alert " + alert.getAlertId())) {
				return null;
			}
			Signer signer = ProtocolFloor.this.partner;
			Acknowledgement received = Acknowledgements.received(alert, PARTNER, Instant.now());
			send(producer, ACKS, record.key(), ProtocolFloor.this.codec.encode(this.acks, received, signer));
			send(producer, PARTNER_AUDIT, record.key(), ProtocolFloor.this.codec.encode(this.audit,
					AuditEvents.acknowledged(received, alert.getOrigin().getNodeId()), signer));
			return alert.getAlertId();
		}

		@Override
		protected void committed(List<UUID> alerts) {
			alerts.forEach((alertId) -> ProtocolFloor.this.points.arrived(Point.PROTOCOL_INBOX, alertId));
		}

	}

	/** Hop 3, Son La taking the RECEIVED acknowledgements: verified, audited. */
	private final class TakeAcks extends TransactionalHop {

		private final String acks = Topics.acks(ORIGIN).name();

		private final String audit = Topics.audit(ORIGIN).name();

		TakeAcks(Map<String, Object> clientSettings) {
			super("protocol-acks", ACKS, clientSettings);
		}

		@Override
		protected UUID process(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> producer) {
			Acknowledgement ack = (Acknowledgement) ProtocolFloor.this.codec.decode(this.acks, record.headers(),
					record.value());
			if (ack.getStatus() != AckStatus.RECEIVED
					|| !verified(ack.getRecipientNode(), record, "RECEIVED of alert " + ack.getAlertId())) {
				return null;
			}
			send(producer, ORIGIN_AUDIT, record.key(), ProtocolFloor.this.codec.encode(this.audit,
					AuditEvents.acknowledged(ack, ORIGIN.code()), ProtocolFloor.this.origin));
			return (ack.getRevision() == 1) ? idOf(record) : null;
		}

		@Override
		protected void committed(List<UUID> alerts) {
			alerts.forEach((alertId) -> ProtocolFloor.this.points.arrived(Point.PROTOCOL_ACK, alertId));
		}

	}

}
