package mekong.exchange.consumer.receiving;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.Origin;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.retention.RetentionProperties;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.TaskUpkeep;
import mekong.exchange.boot.streams.fixtures.StreamsFixture;
import mekong.exchange.consumer.inbox.DeskAckHeaders;
import mekong.exchange.consumer.inbox.InboxWatchers;
import mekong.exchange.core.acks.Acknowledgements;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.ids.OriginIds;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static mekong.exchange.boot.streams.fixtures.StreamsFixture.HOUAPHAN;
import static mekong.exchange.boot.streams.fixtures.StreamsFixture.LUANG_PRABANG;
import static mekong.exchange.boot.streams.fixtures.StreamsFixture.SON_LA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Houaphan's receiving side on Kafka Streams' test driver, with a clock the test moves:
 * the receiver and the inbox in one task, the desks' answers, retention, withdrawals, and
 * what a desk or a partner cannot make it keep.
 */
class ReceivingTopologyTests {

	static final Duration KEPT = Duration.ofDays(90);

	static final Duration REMEMBERED = Duration.ofDays(30);

	static final String DESK = "houaphan-hotline";

	/** Son La and Houaphan: drugs, weapons and fugitives, 2023 to 2027, kept 90 days. */
	static final Agreement WITH_SON_LA = new Agreement(new AgreementId("VN-05~LA-HO/2023"), SON_LA, HOUAPHAN,
			LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31),
			EnumSet.of(CrimeCategory.DRUG_TRAFFICKING, CrimeCategory.WEAPONS, CrimeCategory.WANTED_FUGITIVE),
			TrafficLight.AMBER_STRICT, KEPT);

	/** Houaphan and Luang Prabang: drugs, until the end of 2026. */
	static final Agreement WITH_LUANG_PRABANG = new Agreement(new AgreementId("LA-HO~LA-LP/2024"), HOUAPHAN,
			LUANG_PRABANG, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31),
			EnumSet.of(CrimeCategory.DRUG_TRAFFICKING), TrafficLight.AMBER, Agreement.DEFAULT_RETENTION);

	final StreamsFixture fixture = new StreamsFixture();

	/** The longest a step of the upkeep takes; zero: one entry or key per step. */
	Duration upkeepStep = Duration.ofMillis(200);

	TopologyTestDriver driver;

	TestOutputTopic<String, Acknowledgement> sonLasAcks;

	TestOutputTopic<String, AuditEvent> audit;

	@BeforeEach
	void startHouaphansReceivingSide() {
		start(DataSize.ofKilobytes(768));
	}

	void start(DataSize alertSize) {
		AgreementBook agreements = new AgreementBook(List.of(WITH_SON_LA, WITH_LUANG_PRABANG));
		Receiving receiving = new Receiving(HOUAPHAN, agreements,
				new RoutingRules(agreements, ZoneId.of("Asia/Vientiane"), Duration.ofMinutes(10)),
				new LimitProperties(1000, 100, 10_000, alertSize, 5, 200),
				new RetentionProperties(Duration.ofMinutes(1), 1000), REMEMBERED, new CommittedReads(),
				new TaskUpkeep(Duration.ofMillis(100), Duration.ofMillis(100), this.upkeepStep), this.fixture.clock(),
				this.fixture.meters());
		Topology topology = new Topology();
		new ReceivingTopology(this.fixture.serdesOf(HOUAPHAN), receiving, new InboxWatchers())
			.configureTopology(topology);
		this.driver = this.fixture.start(topology, HOUAPHAN, "consumer");
		this.sonLasAcks = this.fixture.output(Topics.acks(SON_LA), SON_LA);
		this.audit = this.fixture.output(Topics.audit(HOUAPHAN), HOUAPHAN);
	}

	@AfterEach
	void stop() {
		this.fixture.close();
	}

	@Test
	void takesARevisionDeliveredThreeTimesOnceAndAcknowledgesItToTheOrigin() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		for (int delivery = 0; delivery < 3; delivery++) {
			deliver(alert, SON_LA);
		}

		assertThat(this.sonLasAcks.readValuesToList()).singleElement()
			.satisfies((ack) -> assertThat(ack.getStatus()).isEqualTo(AckStatus.RECEIVED));
		assertThat(head(alert).getRevision()).isEqualTo(1);
		assertThat(keysOf("inbox-by-name")).as("the persons it names, indexed").isNotEmpty();
		assertThat(this.fixture.meters()
			.counter("exchange.alerts.duplicates", "origin", "VN-05", "category", "DRUG_TRAFFICKING", "priority",
					"FLASH", "kind", "duplicate")
			.count()).isEqualTo(2);
		assertThat(this.fixture.deadLetters(HOUAPHAN)).isEmpty();
	}

	@Test
	void takesNewerRevisionsSkipsStaleOnesAndRefusesARevisionByAnotherNode() {
		UUID alertId = UUID.randomUUID();
		deliver(Alerts.suspectsFromSonLa(alertId).setRevision(2).setMessageType(MessageType.UPDATE).build(), SON_LA);
		deliver(Alerts.suspectsFromSonLa(alertId).build(), SON_LA);
		deliver(fromLuangPrabang(alertId).setRevision(3).setMessageType(MessageType.UPDATE).build(), LUANG_PRABANG);

		assertThat(head(Alerts.suspectsFromSonLa(alertId).build()).getRevision()).isEqualTo(2);
		assertThat(this.fixture.deadLetters(HOUAPHAN)).containsExactly("REVISION_NOT_FROM_ORIGIN");
	}

	/**
	 * Luang Prabang writes, signed as itself, an alert under an id in Son La's space (one
	 * Son La will use): refused, and Son La's own alert under that id is taken.
	 */
	@Test
	void refusesAnAlertUnderAnIdOfAnotherOriginsSpaceAndTakesTheOriginsOwn() {
		UUID sonLasId = new OriginIds(SON_LA, "son-la's secret".getBytes(StandardCharsets.UTF_8)).random();
		deliver(fromLuangPrabang(sonLasId).build(), LUANG_PRABANG);
		deliver(Alerts.suspectsFromSonLa(sonLasId).build(), SON_LA);

		assertThat(this.fixture.deadLetters(HOUAPHAN)).containsExactly("ALERT_ID_OF_ANOTHER_ORIGIN");
		assertThat(head(Alerts.suspectsFromSonLa(sonLasId).build()).getOrigin()).isEqualTo("VN-05");
	}

	@Test
	void listsWhatItsStoresHoldAfterARestoreWithoutWaitingForARecord() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		deliver(alert, SON_LA);
		InboxHead taken = head(alert);
		Alert content = this.<String, Alert>store("inbox-content").get(alert.getAlertId().toString());
		stop();
		start(DataSize.ofKilobytes(768));
		this.<String, InboxHead>store("inbox-heads").put(alert.getAlertId().toString(), taken);
		this.<String, Alert>store("inbox-content").put(alert.getAlertId().toString(), content);

		advance(Duration.ofMillis(100));

		assertThat(keysOf("inbox-by-time")).as("the entry in its lists").isNotEmpty();
		assertThat(keysOf("inbox-by-name")).as("the persons it names").isNotEmpty();
	}

	@Test
	void rebuildsItsListsAStepAtATimeWhileItTakesRecordsAndEndsWithWhatARebuildAtOnceLists() {
		for (int i = 0; i < 5; i++) {
			deliver(Alerts.suspectsFromSonLa(UUID.randomUUID()).build(), SON_LA);
		}
		Map<String, InboxHead> heads = this.fixture.contentsOf("inbox-heads");
		Map<String, Alert> contents = this.fixture.contentsOf("inbox-content");
		stop();
		this.upkeepStep = Duration.ZERO;
		start(DataSize.ofKilobytes(768));
		restore(heads, contents);

		deliver(Alerts.suspectsFromSonLa(UUID.randomUUID()).build(), SON_LA);
		advance(Duration.ofMillis(100));
		int listedAfterOneStep = keysOf("inbox-by-time").size();
		advance(Duration.ofMillis(100));
		deliver(Alerts.suspectsFromSonLa(UUID.randomUUID()).build(), SON_LA);
		for (int step = 0; step < 100; step++) {
			advance(Duration.ofMillis(100));
		}
		List<Bytes> stepByStep = indexKeys();
		heads = this.fixture.contentsOf("inbox-heads");
		contents = this.fixture.contentsOf("inbox-content");
		stop();
		this.upkeepStep = Duration.ofMillis(200);
		start(DataSize.ofKilobytes(768));
		restore(heads, contents);
		advance(Duration.ofMillis(100));

		assertThat(heads).hasSize(7);
		assertThat(listedAfterOneStep).as("listed after the first step")
			.isPositive()
			.isLessThan(keysOf("inbox-by-time").size());
		assertThat(stepByStep).containsExactlyInAnyOrderElementsOf(indexKeys());
	}

	@Test
	void takesTheWithdrawalOfAnAlertItHoldsThatNoLongerNamesItAndNothingElseAddressedElsewhere() {
		UUID alertId = UUID.randomUUID();
		deliver(Alerts.suspectsFromSonLa(alertId).build(), SON_LA);
		Alert elsewhere = Alerts.suspectsFromSonLa(alertId).setAddressees(List.of("VN-21")).setRevision(2).build();
		deliver(Alert.newBuilder(elsewhere).setMessageType(MessageType.UPDATE).build(), SON_LA);
		deliver(Alert.newBuilder(elsewhere).setRevision(3).setMessageType(MessageType.CANCEL).build(), SON_LA);
		deliver(Alerts.suspectsFromSonLa(UUID.randomUUID())
			.setAddressees(List.of("VN-21"))
			.setMessageType(MessageType.CANCEL)
			.build(), SON_LA);

		assertThat(head(elsewhere).getRevision()).isEqualTo(3);
		assertThat(head(elsewhere).getMessageType()).isEqualTo(MessageType.CANCEL);
		assertThat(this.fixture.deadLetters(HOUAPHAN)).containsExactly("NOT_ADDRESSED_HERE", "NOT_ADDRESSED_HERE");
	}

	@Nested
	class DeskAnswers {

		@Test
		void aThousandToOneAlertAreEachARecordOfItsOwnAndTheNextIsPastTheLimit() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			deliver(alert, SON_LA);
			String note = "x".repeat(LimitProperties.NOTE_LENGTH);

			for (int i = 0; i < 1000; i++) {
				answer(alert, AckStatus.ACTIONED, note);
			}
			answer(alert, AckStatus.ACTIONED, note);

			assertThat(head(alert).getAnswers()).isEqualTo(1000);
			assertThat(head(alert).getDeskStatus()).isEqualTo(AckStatus.ACTIONED);
			assertThat(headBytes(alert)).isLessThan(1_000);
			assertThat(ReceivingTopologyTests.this.fixture.deadLetters(HOUAPHAN)).containsExactly("ANSWER_LIMIT");
			assertThat(ReceivingTopologyTests.this.sonLasAcks.readValuesToList()).hasSize(1001);

			Alert next = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			deliver(next, SON_LA);
			assertThat(head(next)).isNotNull();
		}

	}

	@Test
	void keepsA250KilobyteAlertRevisedFiveTimesInRecordsThatDoNotGrow() {
		UUID alertId = UUID.randomUUID();
		for (int revision = 1; revision <= 5; revision++) {
			deliver(large(Alerts.suspectsFromSonLa(alertId), revision, 250_000), SON_LA);
			assertThat(headBytes(Alerts.suspectsFromSonLa(alertId).build())).isLessThan(1_000);
		}
		assertThat(this.sonLasAcks.readValuesToList()).extracting(Acknowledgement::getRevision)
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(keysOf("inbox-revisions")).hasSize(5);
		assertThat(this.fixture.deadLetters(HOUAPHAN)).isEmpty();
	}

	@Nested
	class Retention {

		@Test
		void erasesAnAlertWhenItsAgreementsRetentionEndsAndRemembersOnlyThatItExisted() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			deliver(alert, SON_LA);
			answer(alert, AckStatus.ACCEPTED, "Na Meo checkpoint informed");
			ReceivingTopologyTests.this.audit.readValuesToList();

			advance(KEPT.plusMinutes(2));

			InboxHead erased = head(alert);
			assertThat(erased.getErasedAt()).isNotNull();
			assertThat(erased.getAnswers()).isZero();
			assertThat(store("inbox-content").get(alert.getAlertId().toString())).isNull();
			assertThat(keysOf("inbox-revisions")).isEmpty();
			assertThat(keysOf("inbox-answers")).isEmpty();
			assertThat(keysOf("inbox-answer-counts")).isEmpty();
			assertThat(keysOf("inbox-by-time")).isEmpty();
			assertThat(keysOf("inbox-by-name")).isEmpty();
			assertThat(ReceivingTopologyTests.this.audit.readValuesToList()).singleElement().satisfies((event) -> {
				assertThat(event.getAction().name()).isEqualTo("ERASED");
				assertThat(event.getDetail()).isNull();
			});

			deliver(alert, SON_LA);
			assertThat(head(alert).getErasedAt()).as("a delivery again of what was erased is a duplicate").isNotNull();

			advance(REMEMBERED.plusMinutes(2));
			assertThat(head(alert)).isNull();
			assertThat(keysOf("inbox-expiry")).isEmpty();
		}

		@Test
		void erasesAnAlertThatExpiresSooner() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID())
				.setExpiresAt(Alerts.SENT_AT.plus(Duration.ofDays(2)))
				.build();
			deliver(alert, SON_LA);

			advance(Duration.ofDays(2).plusMinutes(2));

			assertThat(head(alert).getErasedAt()).isNotNull();
		}

	}

	@Nested
	class AfterAnAgreementEnded {

		UUID alertId = UUID.randomUUID();

		@BeforeEach
		void receiveFromLuangPrabangWhileTheAgreementIsInForce() {
			deliver(fromLuangPrabang(this.alertId).build(), LUANG_PRABANG);
			advance(Duration.ofDays(40));
		}

		@Test
		void takesAWithdrawal() {
			deliver(fromLuangPrabang(this.alertId).setRevision(2)
				.setMessageType(MessageType.CANCEL)
				.setSentAt(ReceivingTopologyTests.this.fixture.now())
				.build(), LUANG_PRABANG);

			assertThat(ReceivingTopologyTests.this.driver.<String, InboxHead>getKeyValueStore("inbox-heads")
				.get(this.alertId.toString())
				.getMessageType()).isEqualTo(MessageType.CANCEL);
			assertThat(ReceivingTopologyTests.this.fixture.deadLetters(HOUAPHAN)).isEmpty();
		}

		@Test
		void refusesAnUpdateAndANewAlertBackdatedIntoTheAgreement() {
			deliver(fromLuangPrabang(this.alertId).setRevision(2)
				.setMessageType(MessageType.UPDATE)
				.setSentAt(ReceivingTopologyTests.this.fixture.now())
				.build(), LUANG_PRABANG);
			deliver(fromLuangPrabang(UUID.randomUUID()).setSentAt(Instant.parse("2026-12-30T02:00:00Z")).build(),
					LUANG_PRABANG);

			assertThat(ReceivingTopologyTests.this.fixture.deadLetters(HOUAPHAN)).containsExactly("NOT_PERMITTED_HERE",
					"NOT_PERMITTED_HERE");
		}

	}

	@Test
	void deadLettersAnAlertLargerThanANodeTakesAndTakesTheNext() {
		stop();
		start(DataSize.ofKilobytes(64));
		deliver(large(Alerts.suspectsFromSonLa(UUID.randomUUID()), 1, 100_000), SON_LA);
		Alert next = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
		deliver(next, SON_LA);

		assertThat(this.fixture.deadLetters(HOUAPHAN)).containsExactly("ALERT_TOO_LARGE");
		assertThat(head(next)).isNotNull();
	}

	static Alert.Builder fromLuangPrabang(UUID alertId) {
		return Alerts.suspectsFromSonLa(alertId)
			.setOrigin(new Origin("LA-LP", "luang-prabang-hotline", "Maj. Somphone"))
			.setPriority(mekong.exchange.avro.Priority.ROUTINE);
	}

	static Alert large(Alert.Builder builder, int revision, int descriptionLength) {
		Alert alert = builder.setRevision(revision)
			.setMessageType((revision == 1) ? MessageType.ALERT : MessageType.UPDATE)
			.build();
		((SuspectAlert) alert.getPayload()).getPersons().get(0).setDescription("d".repeat(descriptionLength));
		return alert;
	}

	void deliver(Alert alert, NodeId from) {
		this.fixture.input(Topics.inbox(HOUAPHAN), from)
			.pipeInput(alert.getAlertId().toString(), alert, this.fixture.now());
	}

	void answer(Alert alert, AckStatus status, String note) {
		Acknowledgement ack = Acknowledgements.fromDesk(alert, HOUAPHAN, status, DESK + "/Capt. Khamphone", "desk.laho",
				note, this.fixture.now());
		TestInputTopic<String, Acknowledgement> answers = this.fixture.input(Topics.deskAcks(HOUAPHAN), HOUAPHAN);
		answers.pipeInput(new TestRecord<>(alert.getAlertId().toString(), ack,
				new RecordHeaders().add(DeskAckHeaders.DESK, DESK.getBytes(StandardCharsets.UTF_8)),
				this.fixture.now()));
	}

	void advance(Duration by) {
		this.fixture.advance(by);
	}

	InboxHead head(Alert alert) {
		KeyValueStore<String, InboxHead> heads = this.driver.getKeyValueStore("inbox-heads");
		return heads.get(alert.getAlertId().toString());
	}

	int headBytes(Alert alert) {
		return this.fixture.serdesOf(HOUAPHAN)
			.state(InboxHead.class)
			.serializer()
			.serialize("inbox-heads", head(alert)).length;
	}

	<K, V> KeyValueStore<K, V> store(String name) {
		return this.driver.getKeyValueStore(name);
	}

	void restore(Map<String, InboxHead> heads, Map<String, Alert> contents) {
		heads.forEach(this.<String, InboxHead>store("inbox-heads")::put);
		contents.forEach(this.<String, Alert>store("inbox-content")::put);
	}

	List<Bytes> indexKeys() {
		List<Bytes> keys = new ArrayList<>(keysOf("inbox-by-time"));
		keys.addAll(keysOf("inbox-by-name"));
		keys.addAll(keysOf("inbox-expiry"));
		return keys;
	}

	List<Bytes> keysOf(String storeName) {
		return this.fixture.keysOf(storeName);
	}

}
