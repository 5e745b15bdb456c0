package mekong.exchange.producer.streams;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.Person;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.avro.state.AddresseeState;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.retention.RetentionProperties;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.TaskUpkeep;
import mekong.exchange.boot.streams.fixtures.StreamsFixture;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.escalation.EscalationProperties;
import mekong.exchange.producer.escalation.Escalator;
import mekong.exchange.producer.routing.Sending;
import mekong.exchange.producer.tracking.SentViewSettings;
import mekong.exchange.producer.tracking.SentWatchers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
 * Son La's sending side on Kafka Streams' test driver, with a clock the test moves: the
 * router and the sender view in one task, escalation, retention, withdrawals, and what a
 * desk or a partner cannot make it keep.
 */
class SendingTopologyTests {

	static final Duration FLASH_SLA = Duration.ofMinutes(15);

	static final Duration KEPT = Duration.ofDays(60);

	static final Duration REMEMBERED = Duration.ofDays(30);

	/** Son La and Houaphan: drugs, weapons and fugitives, 2023 to 2027. */
	static final Agreement WITH_HOUAPHAN = new Agreement(new AgreementId("VN-05~LA-HO/2023"), SON_LA, HOUAPHAN,
			LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31),
			EnumSet.of(CrimeCategory.DRUG_TRAFFICKING, CrimeCategory.WEAPONS, CrimeCategory.WANTED_FUGITIVE),
			TrafficLight.AMBER_STRICT, Agreement.DEFAULT_RETENTION);

	/** Son La and Luang Prabang: drugs, until the end of 2026. */
	static final Agreement WITH_LUANG_PRABANG = new Agreement(new AgreementId("VN-05~LA-LP/2024"), SON_LA,
			LUANG_PRABANG, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31),
			EnumSet.of(CrimeCategory.DRUG_TRAFFICKING), TrafficLight.AMBER, Agreement.DEFAULT_RETENTION);

	final StreamsFixture fixture = new StreamsFixture();

	final Map<NodeId, String> unwritable = new HashMap<>();

	/** The longest a step of the upkeep takes; zero: one entry or key per step. */
	Duration upkeepStep = Duration.ofMillis(200);

	TopologyTestDriver driver;

	TestInputTopic<String, Alert> outbox;

	TestOutputTopic<String, Alert> houaphansInbox;

	TestOutputTopic<String, Alert> luangPrabangsInbox;

	TestOutputTopic<String, AuditEvent> audit;

	TestOutputTopic<String, Escalation> escalations;

	@BeforeEach
	void startSonLasSendingSide() {
		start(DataSize.ofKilobytes(768), 1_000_000);
	}

	void start(DataSize alertSize, int largestRecord) {
		AgreementBook agreements = new AgreementBook(List.of(WITH_HOUAPHAN, WITH_LUANG_PRABANG));
		Sending sending = new Sending(new SentViewSettings(SON_LA, KEPT, REMEMBERED, 10_000),
				new LimitProperties(1000, 100, 10_000, alertSize, 5, 200),
				new RetentionProperties(Duration.ofMinutes(1), 1000),
				new Escalator(SON_LA,
						new EscalationProperties(Map.of(Priority.FLASH, FLASH_SLA), Duration.ofSeconds(15)),
						this.fixture.meters()),
				new CommittedReads(), new TaskUpkeep(Duration.ofMillis(100), Duration.ofMillis(100), this.upkeepStep),
				this.fixture.clock(), this.fixture.meters());
		NodeSerdes serdes = this.fixture.serdesOf(SON_LA, largestRecord);
		Topology topology = new Topology();
		new SendingTopology(SON_LA, serdes,
				new RoutingRules(agreements, ZoneId.of("Asia/Ho_Chi_Minh"), Duration.ofMinutes(10)), agreements,
				this.unwritable::get, sending, new SentWatchers(), this.fixture.clock())
			.configureTopology(topology);
		this.driver = this.fixture.start(topology, SON_LA, "producer");
		this.outbox = this.fixture.input(Topics.outbox(SON_LA), SON_LA);
		this.houaphansInbox = this.fixture.output(Topics.inbox(HOUAPHAN), HOUAPHAN);
		this.luangPrabangsInbox = this.fixture.output(Topics.inbox(LUANG_PRABANG), LUANG_PRABANG);
		this.audit = this.fixture.output(Topics.audit(SON_LA), SON_LA);
		this.escalations = this.fixture.output(Topics.escalations(SON_LA), SON_LA);
	}

	@AfterEach
	void stop() {
		this.fixture.close();
	}

	@Test
	void routesARevisionAndRecordsItsDecisionsInTheViewWithoutReadingThemBack() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setAddressees(List.of("LA-HO", "VN-13")).build();
		send(alert);

		assertThat(this.houaphansInbox.readValuesToList()).containsExactly(alert);
		assertThat(head(alert).getAddressees()).extracting(AddresseeState::getNode, AddresseeState::getStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("LA-HO", AckStatus.ROUTED),
					org.assertj.core.groups.Tuple.tuple("VN-13", AckStatus.DENIED_BY_POLICY));
		assertThat(this.audit.readValuesToList()).extracting((event) -> event.getAction().name())
			.containsExactly("FILED", "ROUTED", "DENIED");
		assertThat(this.fixture.deadLetters(SON_LA)).isEmpty();

		send(alert);
		assertThat(this.houaphansInbox.isEmpty()).as("a revision already routed is not routed twice").isTrue();
		assertThat(this.fixture.deadLetters(SON_LA)).isEmpty();

		Alert sameNumberOtherContent = Alert.newBuilder(alert)
			.setSentAt(alert.getSentAt().plusSeconds(1))
			.setSummary("another text")
			.build();
		send(sameNumberOtherContent);
		assertThat(this.houaphansInbox.isEmpty()).isTrue();
		assertThat(this.fixture.deadLetters(SON_LA)).containsExactly("REVISION_REUSED");
	}

	@Test
	void refusesAPartnerWhoseInboxCannotBeWrittenAndDeliversToTheOthers() {
		this.unwritable.put(LUANG_PRABANG, "exchange.LA-LP.inbox does not exist");
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setAddressees(List.of("LA-HO", "LA-LP")).build();
		send(alert);

		assertThat(this.houaphansInbox.readValuesToList()).hasSize(1);
		assertThat(this.luangPrabangsInbox.isEmpty()).isTrue();
		assertThat(state(alert, "LA-LP").getReason()).isEqualTo("INBOX_NOT_WRITABLE");
	}

	@Nested
	class Acknowledgements {

		@Test
		void countOnlyForARevisionTheRouterDeliveredToThatAddressee() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(alert);

			ack(alert, LUANG_PRABANG, AckStatus.ACCEPTED, null);
			ack(Alerts.suspectsFromSonLa(UUID.randomUUID()).build(), HOUAPHAN, AckStatus.RECEIVED, null);
			assertThat(SendingTopologyTests.this.fixture.deadLetters(SON_LA)).containsExactly("ACK_FROM_NON_ADDRESSEE",
					"ACK_FOR_UNKNOWN_ALERT");

			ack(alert, HOUAPHAN, AckStatus.ACCEPTED, null);
			assertThat(state(alert, "LA-HO").getStatus()).isEqualTo(AckStatus.ACCEPTED);
			assertThat(SendingTopologyTests.this.audit.readValuesToList())
				.extracting((event) -> event.getAction().name())
				.containsExactly("FILED", "ROUTED", "ACCEPTED");
		}

		@Test
		void aThousandOfOneAlertAreEachARecordOfItsOwnAndTheNextAlertIsRouted() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(alert);
			int headBytes = headBytes(alert);
			String note = "x".repeat(LimitProperties.NOTE_LENGTH);

			for (int i = 0; i < 1000; i++) {
				ack(alert, HOUAPHAN, AckStatus.ACTIONED, note);
			}

			assertThat(head(alert).getEvents()).isEqualTo(1001);
			assertThat(headBytes(alert)).as("the head holds the last answer, not all of them")
				.isLessThan(headBytes + LimitProperties.NOTE_LENGTH + 200);
			assertThat(history(alert)).hasSize(1001);
			Alert next = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(next);
			assertThat(SendingTopologyTests.this.houaphansInbox.readValuesToList()).containsExactly(alert, next);
			assertThat(SendingTopologyTests.this.fixture.deadLetters(SON_LA)).isEmpty();
		}

	}

	@Test
	void keepsA250KilobyteAlertRevisedFiveTimesInRecordsThatDoNotGrow() {
		UUID alertId = UUID.randomUUID();
		String description = "d".repeat(250_000);
		for (int revision = 1; revision <= 5; revision++) {
			send(large(alertId, revision, description));
			assertThat(headBytes(large(alertId, revision, description))).isLessThan(2_000);
		}
		assertThat(this.houaphansInbox.readValuesToList()).extracting(Alert::getRevision)
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(history(large(alertId, 5, description))).hasSize(5);
		assertThat(this.fixture.deadLetters(SON_LA)).isEmpty();
	}

	@Test
	void rebuildsItsIndexesAStepAtATimeWhileAcknowledgementsComeAndCountsWhatARebuildAtOnceCounts() {
		List<Alert> alerts = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			alerts.add(Alerts.suspectsFromSonLa(UUID.randomUUID()).build());
			send(alerts.get(i));
		}
		Map<String, SentHead> heads = this.fixture.contentsOf("sent-heads");
		Map<String, Alert> content = this.fixture.contentsOf("sent-content");
		stop();
		this.upkeepStep = Duration.ZERO;
		startSonLasSendingSide();
		heads.forEach(this.<String, SentHead>store("sent-heads")::put);
		content.forEach(this.<String, Alert>store("sent-content")::put);

		for (Alert alert : alerts.subList(0, 3)) {
			ack(alert, HOUAPHAN, AckStatus.ACCEPTED, null);
			advance(Duration.ofMillis(100));
		}
		for (int step = 0; step < 50; step++) {
			advance(Duration.ofMillis(100));
		}
		long awaitingStepByStep = awaiting(Priority.FLASH);
		List<Bytes> stepByStep = indexKeys();
		heads = this.fixture.contentsOf("sent-heads");
		stop();
		this.upkeepStep = Duration.ofMillis(200);
		startSonLasSendingSide();
		heads.forEach(this.<String, SentHead>store("sent-heads")::put);
		content.forEach(this.<String, Alert>store("sent-content")::put);
		advance(Duration.ofMillis(100));

		assertThat(awaitingStepByStep).as("awaiting acceptance").isEqualTo(3).isEqualTo(awaiting(Priority.FLASH));
		assertThat(keysOf("sent-by-name")).as("the persons the alerts name").isNotEmpty();
		assertThat(stepByStep).containsExactlyInAnyOrderElementsOf(indexKeys());
	}

	/**
	 * The persons the newest revision of each alert names are found by name, in another
	 * script too; a revision that names someone else moves them, and erasure removes
	 * them.
	 */
	@Test
	void findsTheAlertsNamingAPersonAsTheirNewestRevisionNamesThemUntilTheyAreErased() {
		Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setPriority(Priority.ROUTINE).build();
		send(alert);
		send(Alerts.suspectsFromSonLa(UUID.randomUUID()).setPayload(naming(alert, "Lo Van Hung")).build());

		assertThat(naming("ວັງ ເດ ມົວ", 1970)).as("Vang De Mua in Lao script").containsExactly(alert.getAlertId());
		assertThat(naming("Mùa Vàng Dề", 1970)).containsExactly(alert.getAlertId());
		assertThat(naming("Vang De Mua", 1990)).as("born twenty years later").isEmpty();

		Alert renamed = Alert.newBuilder(alert)
			.setRevision(2)
			.setMessageType(MessageType.UPDATE)
			.setSentAt(now())
			.setPayload(naming(alert, "Vang Chue"))
			.build();
		send(renamed);
		assertThat(naming("Vang De Mua", null)).isEmpty();
		assertThat(naming("Chue Vang", null)).containsExactly(alert.getAlertId());

		advance(KEPT.plusMinutes(2));
		assertThat(naming("Chue Vang", null)).isEmpty();
		assertThat(keysOf("sent-by-name")).isEmpty();
	}

	@Nested
	class Escalations {

		@Test
		void raisesAnUnacceptedFlashRevisionOnceItsServiceLevelHasPassedAndNeverAgain() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(alert);
			ack(alert, HOUAPHAN, AckStatus.RECEIVED, null);

			advance(FLASH_SLA.minusMinutes(1));
			assertThat(SendingTopologyTests.this.escalations.isEmpty()).isTrue();

			advance(Duration.ofMinutes(2));
			assertThat(SendingTopologyTests.this.escalations.readValuesToList()).singleElement()
				.satisfies((escalation) -> {
					assertThat(escalation.getAddressee()).isEqualTo("LA-HO");
					assertThat(escalation.getLastStatus()).isEqualTo("RECEIVED");
				});
			assertThat(SendingTopologyTests.this.audit.readValuesToList()).extracting(AuditEvent::getActor)
				.containsExactly("son-la-hotline/Lt. Nguyen Van An", "router", "receiver", "escalator");
			assertThat(state(alert, "LA-HO").getEscalatedRevision()).isEqualTo(1);
			assertThat(due()).isEmpty();

			advance(Duration.ofHours(1));
			assertThat(SendingTopologyTests.this.escalations.isEmpty()).isTrue();
			assertThat(awaiting(Priority.FLASH)).isEqualTo(1);
		}

		@Test
		void leavesWhatWasAcceptedInTimeAndNoLongerCountsItAsAwaiting() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(alert);
			assertThat(awaiting(Priority.FLASH)).isEqualTo(1);
			assertThat(due()).hasSize(1);

			ack(alert, HOUAPHAN, AckStatus.ACCEPTED, null);
			advance(FLASH_SLA.plusMinutes(1));

			assertThat(SendingTopologyTests.this.escalations.isEmpty()).isTrue();
			assertThat(awaiting(Priority.FLASH)).isZero();
			assertThat(due()).isEmpty();
		}

		@Test
		void restartsWithANewRevisionAndNeverRaisesACancelledAlert() {
			UUID alertId = UUID.randomUUID();
			send(Alerts.suspectsFromSonLa(alertId).build());
			advance(Duration.ofMinutes(10));
			send(Alerts.suspectsFromSonLa(alertId)
				.setRevision(2)
				.setMessageType(MessageType.UPDATE)
				.setSentAt(now())
				.build());

			advance(Duration.ofMinutes(10));
			assertThat(SendingTopologyTests.this.escalations.isEmpty()).as("revision 2 was sent ten minutes ago")
				.isTrue();
			assertThat(due()).hasSize(1);

			send(Alerts.suspectsFromSonLa(alertId)
				.setRevision(3)
				.setMessageType(MessageType.CANCEL)
				.setSentAt(now())
				.build());
			advance(Duration.ofHours(1));
			assertThat(SendingTopologyTests.this.escalations.isEmpty()).isTrue();
			assertThat(due()).isEmpty();
			assertThat(awaiting(Priority.FLASH)).isZero();
		}

	}

	@Nested
	class AfterAnAgreementEnded {

		Alert toLuangPrabang;

		@BeforeEach
		void sendToLuangPrabangWhileTheAgreementIsInForce() {
			this.toLuangPrabang = Alerts.suspectsFromSonLa(UUID.randomUUID())
				.setPriority(Priority.ROUTINE)
				.setAddressees(List.of("LA-LP"))
				.build();
			send(this.toLuangPrabang);
			assertThat(SendingTopologyTests.this.luangPrabangsInbox.readValuesToList()).hasSize(1);
			advance(Duration.ofDays(40));
		}

		@Test
		void aCancelStillReachesThePartnerThatHadTheAlert() {
			send(Alert.newBuilder(this.toLuangPrabang)
				.setRevision(2)
				.setMessageType(MessageType.CANCEL)
				.setSentAt(now())
				.build());

			assertThat(SendingTopologyTests.this.luangPrabangsInbox.readValuesToList())
				.extracting(Alert::getMessageType)
				.containsExactly(MessageType.CANCEL);
			assertThat(state(this.toLuangPrabang, "LA-LP").getStatus()).isEqualTo(AckStatus.ROUTED);
		}

		@Test
		void aCancelReachesThePartnerThoughAnUpdateNoLongerNamedIt() {
			Alert update = Alert.newBuilder(this.toLuangPrabang)
				.setRevision(2)
				.setMessageType(MessageType.UPDATE)
				.setAddressees(List.of("LA-HO"))
				.setSentAt(now())
				.build();
			send(update);
			send(Alert.newBuilder(update).setRevision(3).setMessageType(MessageType.CANCEL).build());

			assertThat(SendingTopologyTests.this.luangPrabangsInbox.readValuesToList())
				.extracting(Alert::getMessageType)
				.containsExactly(MessageType.CANCEL);
			assertThat(SendingTopologyTests.this.houaphansInbox.readValuesToList()).extracting(Alert::getMessageType)
				.containsExactly(MessageType.UPDATE, MessageType.CANCEL);
		}

		@Test
		void anUpdateDoesNotAndNeitherDoesOneBackdatedIntoTheAgreement() {
			send(Alert.newBuilder(this.toLuangPrabang)
				.setRevision(2)
				.setMessageType(MessageType.UPDATE)
				.setSentAt(Instant.parse("2026-12-30T02:00:00Z"))
				.build());

			assertThat(SendingTopologyTests.this.luangPrabangsInbox.isEmpty()).isTrue();
			assertThat(state(this.toLuangPrabang, "LA-LP").getReason()).isEqualTo("AGREEMENT_ENDED");

			send(Alert.newBuilder(this.toLuangPrabang)
				.setRevision(3)
				.setMessageType(MessageType.UPDATE)
				.setSentAt(now())
				.build());
			assertThat(SendingTopologyTests.this.luangPrabangsInbox.isEmpty()).isTrue();
			assertThat(state(this.toLuangPrabang, "LA-LP").getReason()).isEqualTo("AGREEMENT_NOT_IN_FORCE");
		}

	}

	@Nested
	class Retention {

		@Test
		void erasesAnAlertWhenItEndsAndRemembersOnlyThatItExisted() {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setPriority(Priority.ROUTINE).build();
			send(alert);
			ack(alert, HOUAPHAN, AckStatus.ACCEPTED, "Checkpoint informed");
			SendingTopologyTests.this.audit.readValuesToList();

			advance(KEPT.plusMinutes(2));

			SentHead erased = head(alert);
			assertThat(erased.getErasedAt()).isNotNull();
			assertThat(erased.getAddressees()).isEmpty();
			assertThat(store("sent-content").get(alert.getAlertId().toString())).isNull();
			assertThat(history(alert)).isEmpty();
			assertThat(keysOf("sent-revisions")).isEmpty();
			assertThat(keysOf("sent-by-time")).isEmpty();
			assertThat(SendingTopologyTests.this.audit.readValuesToList())
				.extracting((event) -> event.getAction().name())
				.containsExactly("ERASED");

			ack(alert, HOUAPHAN, AckStatus.ACTIONED, "late");
			assertThat(SendingTopologyTests.this.fixture.deadLetters(SON_LA)).as("a late acknowledgement is no error")
				.isEmpty();

			advance(REMEMBERED.plusMinutes(2));
			assertThat(head(alert)).isNull();
			assertThat(keysOf("sent-expiry")).isEmpty();
		}

	}

	@Nested
	class WhatCannotBeKept {

		@Test
		void anAlertLargerThanANodeTakesIsDeadLetteredAndTheNextIsRouted() {
			stop();
			start(DataSize.ofKilobytes(64), 1_000_000);
			UUID tooLarge = UUID.randomUUID();
			send(large(tooLarge, 1, "d".repeat(100_000)));
			Alert next = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(next);

			assertThat(SendingTopologyTests.this.fixture.deadLetters(SON_LA)).containsExactly("ALERT_TOO_LARGE");
			assertThat(SendingTopologyTests.this.houaphansInbox.readValuesToList()).containsExactly(next);
		}

		@Test
		void aRecordLargerThanANodeWritesIsDeadLetteredAndTheNextIsRouted() {
			stop();
			start(DataSize.ofKilobytes(768), 200_000);
			send(large(UUID.randomUUID(), 1, "d".repeat(250_000)));
			Alert next = Alerts.suspectsFromSonLa(UUID.randomUUID()).build();
			send(next);

			assertThat(SendingTopologyTests.this.fixture.deadLetters(SON_LA)).containsExactly("RECORD_TOO_LARGE");
			assertThat(SendingTopologyTests.this.houaphansInbox.readValuesToList()).containsExactly(next);
		}

	}

	Alert large(UUID alertId, int revision, String description) {
		Alert alert = Alerts.suspectsFromSonLa(alertId)
			.setRevision(revision)
			.setMessageType((revision == 1) ? MessageType.ALERT : MessageType.UPDATE)
			.build();
		SuspectAlert suspects = (SuspectAlert) alert.getPayload();
		suspects.getPersons().get(0).setDescription(description);
		return alert;
	}

	void send(Alert alert) {
		this.outbox.pipeInput(alert.getAlertId().toString(), alert, now());
	}

	void ack(Alert alert, NodeId from, AckStatus status, String note) {
		this.fixture.input(Topics.acks(SON_LA), from)
			.pipeInput(alert.getAlertId().toString(),
					Acknowledgement.newBuilder()
						.setAlertId(alert.getAlertId())
						.setRevision(alert.getRevision())
						.setRecipientNode(from.code())
						.setStatus(status)
						.setAt(now())
						.setBy((note != null) ? "houaphan-hotline/Capt. Khamphone" : null)
						.setReason(null)
						.setNote(note)
						.build(),
					now());
	}

	Instant now() {
		return this.fixture.now();
	}

	void advance(Duration by) {
		this.fixture.advance(by);
	}

	SentHead head(Alert alert) {
		KeyValueStore<String, SentHead> heads = this.driver.getKeyValueStore("sent-heads");
		return heads.get(alert.getAlertId().toString());
	}

	int headBytes(Alert alert) {
		return this.fixture.serdesOf(SON_LA)
			.state(SentHead.class)
			.serializer()
			.serialize("sent-heads", head(alert)).length;
	}

	AddresseeState state(Alert alert, String node) {
		return head(alert).getAddressees()
			.stream()
			.filter((state) -> state.getNode().equals(node))
			.findFirst()
			.orElseThrow();
	}

	List<Acknowledgement> history(Alert alert) {
		KeyValueStore<Bytes, Acknowledgement> history = this.driver.getKeyValueStore("sent-history");
		List<Acknowledgement> entries = new ArrayList<>();
		try (KeyValueIterator<Bytes, Acknowledgement> all = history.all()) {
			all.forEachRemaining((entry) -> {
				if (entry.value.getAlertId().equals(alert.getAlertId())) {
					entries.add(entry.value);
				}
			});
		}
		return entries;
	}

	<K, V> KeyValueStore<K, V> store(String name) {
		return this.driver.getKeyValueStore(name);
	}

	List<Bytes> keysOf(String index) {
		return this.fixture.keysOf(index);
	}

	List<UUID> naming(String name, Integer birthYear) {
		return NameIndex
			.matches(List.of(this.<Bytes, byte[]>store("sent-by-name")),
					PersonMatcher.profile(new PersonName(name, null, List.of(), birthYear)), SON_LA, 20)
			.stream()
			.map(NameIndex.Found::alertId)
			.toList();
	}

	/** The payload of {@code alert} with one person, named {@code name}. */
	static SuspectAlert naming(Alert alert, String name) {
		SuspectAlert suspects = (SuspectAlert) alert.getPayload();
		return SuspectAlert.newBuilder(suspects)
			.setPersons(List.of(Person.newBuilder(suspects.getPersons().get(0)).setFullName(name).build()))
			.build();
	}

	List<Bytes> indexKeys() {
		List<Bytes> keys = new ArrayList<>(keysOf("sent-by-time"));
		keys.addAll(keysOf("sent-by-name"));
		keys.addAll(keysOf("sent-due"));
		keys.addAll(keysOf("sent-expiry"));
		return keys;
	}

	List<Bytes> due() {
		return keysOf("sent-due");
	}

	long awaiting(Priority priority) {
		byte[] counted = this.<Bytes, byte[]>store("sent-awaiting")
			.get(Bytes.wrap(priority.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		return (counted != null) ? java.nio.ByteBuffer.wrap(counted).getLong() : 0;
	}

}
