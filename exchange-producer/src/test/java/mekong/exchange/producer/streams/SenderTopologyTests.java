package mekong.exchange.producer.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.Priority;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.escalation.EscalationProperties;
import mekong.exchange.producer.tracking.SentAlert;
import mekong.exchange.producer.tracking.SentWatchers;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sender view and the escalator on Kafka Streams' test driver, with a clock the test
 * moves: what is due, what is escalated, once, and what the view counts. Records are
 * written in Avro's single-object encoding; the registry path is covered by the
 * integration tests.
 */
class SenderTopologyTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final Duration FLASH_SLA = Duration.ofMinutes(15);

	final AtomicReference<Instant> now = new AtomicReference<>(Alerts.SENT_AT);

	TopologyTestDriver driver;

	TestInputTopic<String, Object> outbox;

	TestInputTopic<String, Object> acks;

	TestOutputTopic<String, Object> escalations;

	TestOutputTopic<String, Object> audit;

	@BeforeEach
	void startTopology() {
		Clock clock = new Clock() {

			@Override
			public Instant instant() {
				return SenderTopologyTests.this.now.get();
			}

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

		};
		StreamsBuilder builder = new StreamsBuilder();
		new SenderTopology(SON_LA, contract(), new SentWatchers(),
				new EscalationProperties(Map.of(Priority.FLASH, FLASH_SLA), Duration.ofSeconds(15)), clock,
				new SimpleMeterRegistry())
			.configureBuilder(builder);
		Properties settings = new Properties();
		settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "mekong-VN-05-producer");
		settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		this.driver = new TopologyTestDriver(builder.build(), settings, Alerts.SENT_AT);
		this.outbox = this.driver.createInputTopic(Topics.outbox(SON_LA).name(), new StringSerializer(),
				contract().serializer());
		this.acks = this.driver.createInputTopic(Topics.acks(SON_LA).name(), new StringSerializer(),
				contract().serializer());
		this.escalations = this.driver.createOutputTopic(Topics.escalations(SON_LA).name(), new StringDeserializer(),
				contract().deserializer());
		this.audit = this.driver.createOutputTopic(Topics.audit(SON_LA).name(), new StringDeserializer(),
				contract().deserializer());
	}

	@AfterEach
	void closeTopology() {
		this.driver.close();
	}

	@Test
	void escalatesAnUnacceptedFlashRevisionOnceItsServiceLevelHasPassedAndNeverAgain() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		send(alert);
		ack(alert, AckStatus.ROUTED);
		ack(alert, AckStatus.RECEIVED);

		moveClock(FLASH_SLA.minusMinutes(1));
		assertThat(this.escalations.isEmpty()).isTrue();

		moveClock(Duration.ofMinutes(2));
		List<Object> raised = this.escalations.readValuesToList();
		assertThat(raised).singleElement()
			.isInstanceOfSatisfying(Escalation.class,
					(escalation) -> assertThat(escalation.getAddressee()).isEqualTo("LA-HO"))
			.satisfies((escalation) -> assertThat(((Escalation) escalation).getLastStatus()).isEqualTo("RECEIVED"));
		assertThat(this.audit.readValuesToList()).extracting((event) -> ((AuditEvent) event).getActor())
			.containsExactly("router", "receiver", "escalator");
		assertThat(sent(alert).addressees().get("LA-HO").escalated()).isTrue();
		assertThat(due()).isEmpty();

		moveClock(Duration.ofHours(1));
		assertThat(this.escalations.isEmpty()).isTrue();
		assertThat(awaiting(Priority.FLASH)).isEqualTo(1);
	}

	@Test
	void doesNotEscalateWhatWasAcceptedInTimeAndCountsItNoLongerAsAwaiting() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		send(alert);
		assertThat(awaiting(Priority.FLASH)).isEqualTo(1);
		assertThat(due()).hasSize(1);

		ack(alert, AckStatus.ROUTED);
		ack(alert, AckStatus.ACCEPTED);
		moveClock(FLASH_SLA.plusMinutes(1));

		assertThat(this.escalations.isEmpty()).isTrue();
		assertThat(awaiting(Priority.FLASH)).isZero();
		assertThat(due()).isEmpty();
	}

	@Test
	void aNewRevisionRestartsTheServiceLevelAndACancelledAlertIsNeverEscalated() {
		UUID alertId = UUID.randomUUID();
		send(Alerts.suspectsFromSonLa(alertId).build());
		moveClock(Duration.ofMinutes(10));
		send(Alerts.suspectsFromSonLa(alertId).setRevision(2).setSentAt(this.now.get()).build());

		moveClock(Duration.ofMinutes(10));
		assertThat(this.escalations.isEmpty()).as("revision 2 was sent ten minutes ago").isTrue();
		assertThat(due()).hasSize(1);

		send(Alerts.suspectsFromSonLa(alertId)
			.setRevision(3)
			.setMessageType(MessageType.CANCEL)
			.setSentAt(this.now.get())
			.build());
		moveClock(Duration.ofHours(1));
		assertThat(this.escalations.isEmpty()).isTrue();
		assertThat(due()).isEmpty();
		assertThat(awaiting(Priority.FLASH)).isZero();
	}

	@Test
	void takesAnAddresseesAcknowledgementOnlyForARevisionItsRouterDeliveredThere() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		send(alert);

		assertRejected(() -> ack(alert, AckStatus.ACCEPTED), "ACK_FROM_NON_ADDRESSEE");
		assertRejected(() -> ack(Alerts.suspectsFromSonLa(UUID.randomUUID()).build(), AckStatus.RECEIVED),
				"ACK_FOR_UNKNOWN_ALERT");
		assertThat(sent(alert).acks()).isEmpty();
		assertThat(this.audit.isEmpty()).isTrue();

		ack(alert, AckStatus.ROUTED);
		ack(alert, AckStatus.ACCEPTED);
		assertThat(sent(alert).addressees().get("LA-HO").status()).isEqualTo(AckStatus.ACCEPTED);
		assertThat(this.audit.readValuesToList()).extracting((event) -> ((AuditEvent) event).getAction().name())
			.containsExactly("ROUTED", "ACCEPTED");
	}

	private static void assertRejected(ThrowingCallable piping, String reason) {
		assertThatThrownBy(piping).rootCause()
			.isInstanceOfSatisfying(RejectedRecordException.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo(reason));
	}

	private void send(Alert alert) {
		this.outbox.pipeInput(alert.getAlertId().toString(), alert, this.now.get());
	}

	private void ack(Alert alert, AckStatus status) {
		this.acks.pipeInput(alert.getAlertId().toString(),
				Acknowledgement.newBuilder()
					.setAlertId(alert.getAlertId())
					.setRevision(alert.getRevision())
					.setRecipientNode("LA-HO")
					.setStatus(status)
					.setAt(this.now.get())
					.setBy(null)
					.setReason(null)
					.setNote(null)
					.build(),
				this.now.get());
	}

	private void moveClock(Duration by) {
		this.now.set(this.now.get().plus(by));
		this.driver.advanceWallClockTime(by);
	}

	private SentAlert sent(Alert alert) {
		KeyValueStore<String, SentAlert> alerts = this.driver.getKeyValueStore("sent-alerts");
		return alerts.get(alert.getAlertId().toString());
	}

	private List<Bytes> due() {
		KeyValueStore<Bytes, byte[]> due = this.driver.getKeyValueStore("sent-due");
		try (KeyValueIterator<Bytes, byte[]> records = due.all()) {
			List<Bytes> keys = new ArrayList<>();
			records.forEachRemaining((record) -> keys.add(record.key));
			return keys;
		}
	}

	private long awaiting(Priority priority) {
		KeyValueStore<String, Long> awaiting = this.driver.getKeyValueStore("sent-awaiting");
		Long counted = awaiting.get(priority.name());
		return (counted != null) ? counted : 0;
	}

	/**
	 * Contract records as Avro single-object encoding, typed by the topic they are on.
	 */
	static Serde<Object> contract() {
		Serializer<Object> serializer = (topic, value) -> {
			SpecificRecord record = (SpecificRecord) value;
			try {
				ByteBuffer encoded = new BinaryMessageEncoder<SpecificRecord>(SpecificData.get(), record.getSchema())
					.encode(record);
				byte[] bytes = new byte[encoded.remaining()];
				encoded.get(bytes);
				return bytes;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
		Deserializer<Object> deserializer = (topic, bytes) -> {
			try {
				if (topic.endsWith(".outbox")) {
					return Alert.fromByteBuffer(ByteBuffer.wrap(bytes));
				}
				if (topic.endsWith(".acks")) {
					return Acknowledgement.fromByteBuffer(ByteBuffer.wrap(bytes));
				}
				if (topic.endsWith(".escalations")) {
					return Escalation.fromByteBuffer(ByteBuffer.wrap(bytes));
				}
				return AuditEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

}
