package mekong.exchange.node;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import mekong.exchange.avro.AccessEvent;
import mekong.exchange.avro.AccessKind;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Handling;
import mekong.exchange.avro.Person;
import mekong.exchange.avro.SourceReliability;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.avro.Tlp;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.ids.OriginIds;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.testing.CommittedRecords;
import mekong.exchange.testing.ConsoleLogIn;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on real components: Son La's desk files an alert over HTTP, Son La's
 * router delivers it to Houaphan's inbox over Kafka in Avro through the registry,
 * Houaphan's receiver acknowledges it, Houaphan's desk accepts it, and Son La's desk sees
 * each step.
 */
class ExchangeIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	/**
	 * Event streams get a comment every second when idle, so that one a desk closed stops
	 * counting against its limit within seconds rather than the default 15.
	 */
	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.withIdentityProvider("--mekong.desk.event-stream-heartbeat=1s");

	static String suspectAlert(String category, String... addressees) {
		return """
				{
				  "officer": "Lt. Nguyen Van An",
				  "priority": "FLASH",
				  "category": "%s",
				  "handling": {"tlp": "AMBER", "sourceReliability": "B", "infoCredibility": 2},
				  "addressees": [%s],
				  "language": "en",
				  "summary": "Married couple from Huoi Nha village moving synthetic pills on NH6A",
				  "payload": {
				    "type": "SuspectAlert",
				    "persons": [
				      {"fullName": "Vang De Mua", "sex": "MALE", "ageAtReport": 52, "nationality": "LA",
				       "home": {"village": "Huoi Nha", "district": "Vieng Xay", "province": "Houaphan", "adminArea": "LA-HO"},
				       "relationships": [{"kind": "spouse of", "otherPerson": "Kia Vang"}], "armedAndDangerous": true},
				      {"fullName": "Kia Vang", "sex": "FEMALE", "ageAtReport": 47, "nationality": "LA"}
				    ],
				    "lastSeen": {"place": "National Highway 6A, Sam Neua - Vieng Xay", "adminArea": "LA-HO",
					               "at": "2022-07-22T01:00:00Z"}
				  }
				}
				"""
			.formatted(category,
					String.join(",", List.of(addressees).stream().map((node) -> "\"" + node + "\"").toList()));
	}

	static String withTlp(String json, String tlp) {
		return json.replace("\"tlp\": \"AMBER\"", "\"tlp\": \"" + tlp + "\"");
	}

	/**
	 * Files {@code json} at Son La and waits until Houaphan's inbox shows it.
	 * @return the alert's id
	 */
	static String inHouaphansInbox(TwoNodes nodes, String json) {
		String alertId = filed(nodes.sonLaDesk(), json);
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(200));
		return alertId;
	}

	static String filed(DeskClient desk, String json) {
		DeskClient.Answer answer = desk.post("/api/v1/alerts", json);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json().get("alertId").toString();
	}

	/** Where an alert stands at {@code node}; empty before the sender view holds it. */
	static Map<String, Object> addressee(DeskClient desk, String alertId, String node) {
		DeskClient.Answer sent = desk.get("/api/v1/alerts/" + alertId);
		if (sent.status() != 200) {
			return Map.of();
		}
		List<Map<String, Object>> addressees = (List<Map<String, Object>>) sent.json().get("addressees");
		return addressees.stream().filter((status) -> node.equals(status.get("node"))).findFirst().orElse(Map.of());
	}

	/** Houaphan's hotline accepts {@code alertId}: Capt. Khamphone, with a note. */
	static void acceptedByCaptainKhamphone(DeskClient houaphan, String alertId) {
		DeskClient.Answer accepted = houaphan.post("/api/v1/inbox/" + alertId + "/acks",
				"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\", \"note\": \"Checkpoint Vieng Xay informed\"}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
	}

	/** What Son La's sender view says of Houaphan once Capt. Khamphone accepted. */
	static Map<String, Object> acceptanceOfCaptainKhamphone() {
		return Map.of("status", "ACCEPTED", "by", "houaphan-hotline/Capt. Khamphone", "note",
				"Checkpoint Vieng Xay informed");
	}

	@Nested
	class AnAlertFromSonLaToHouaphan {

		@Test
		void isDeliveredOnceAcknowledgedAutomaticallyThenAcceptedByTheDesk() {
			DeskClient sonLa = nodes.sonLaDesk();
			DeskClient houaphan = nodes.houaphanDesk();

			DeskClient.Answer filed = sonLa.post("/api/v1/alerts", suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			assertThat(filed.status()).as(filed.body()).isEqualTo(201);
			String alertId = filed.json().get("alertId").toString();
			assertThat(filed.header("Location")).isEqualTo("/api/v1/alerts/" + alertId);

			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(addressee(sonLa, alertId, "LA-HO")).containsEntry("status", "RECEIVED"));
			// The inbox a desk reads follows the RECEIVED acknowledgement by a commit.
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(houaphan.get("/api/v1/inbox").jsonList())
					.filteredOn((entry) -> alertId.equals(entry.get("alertId")))
					.singleElement()
					.satisfies((entry) -> {
						assertThat(entry).containsEntry("origin", "VN-05")
							.containsEntry("revision", 1)
							.containsEntry("priority", "FLASH");
						assertThat((Map<String, Object>) entry.get("alert")).containsEntry("summary",
								"Married couple from Huoi Nha village moving synthetic pills on NH6A");
					}));

			acceptedByCaptainKhamphone(houaphan, alertId);

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(addressee(sonLa, alertId, "LA-HO"))
					.containsAllEntriesOf(acceptanceOfCaptainKhamphone()));
			assertThat(houaphan.get("/api/v1/inbox/" + alertId).json()).containsEntry("deskStatus", "ACCEPTED");
			List<Map<String, Object>> history = (List<Map<String, Object>>) sonLa.get("/api/v1/alerts/" + alertId)
				.json()
				.get("history");
			assertThat(history).extracting((ack) -> (Object) ack.get("status"))
				.containsExactly("ROUTED", "RECEIVED", "ACCEPTED");

			Scrape sonLaMetrics = new Scrape(nodes.sonLaManagement().get("/actuator/prometheus").body());
			Scrape houaphanMetrics = new Scrape(nodes.houaphanManagement().get("/actuator/prometheus").body());
			assertThat(sonLaMetrics.sum("exchange_alerts_published_total", "priority=\"FLASH\""))
				.isGreaterThanOrEqualTo(1);
			assertThat(sonLaMetrics.sum("exchange_alerts_routed_total", "partner=\"LA-HO\"",
					"category=\"DRUG_TRAFFICKING\""))
				.isGreaterThanOrEqualTo(1);
			assertThat(
					sonLaMetrics.sum("exchange_ack_latency_seconds_count", "partner=\"LA-HO\"", "priority=\"FLASH\""))
				.isGreaterThanOrEqualTo(1);
			assertThat(houaphanMetrics.sum("exchange_alerts_received_total", "origin=\"VN-05\"", "node=\"LA-HO\""))
				.isGreaterThanOrEqualTo(1);
		}

		@Test
		void isFiledOnlyOnceWhenTheDeskRetriesWithTheSameIdempotencyKey() {
			DeskClient sonLa = nodes.sonLaDesk();
			String key = UUID.randomUUID().toString();
			String json = suspectAlert("WEAPONS", "LA-HO");

			DeskClient.Answer first = sonLa.post("/api/v1/alerts", json, "Idempotency-Key", key);
			DeskClient.Answer retry = sonLa.post("/api/v1/alerts", json, "Idempotency-Key", key);
			DeskClient.Answer otherRequestSameKey = sonLa.post("/api/v1/alerts", suspectAlert("WEAPONS"),
					"Idempotency-Key", key);

			assertThat(first.status()).isEqualTo(201);
			assertThat(retry.status()).isEqualTo(201);
			assertThat(retry.json().get("alertId")).isEqualTo(first.json().get("alertId"));
			assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(otherRequestSameKey.status()).isEqualTo(422);
			String alertId = first.json().get("alertId").toString();
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(addressee(sonLa, alertId, "LA-HO")).containsEntry("status", "RECEIVED"));
			assertThat(valuesOf("exchange.LA-HO.inbox", alertId)).hasSize(1);
			assertThat(UUID.fromString(alertId)).as("in Son La's id space, not guessable from the key")
				.matches((id) -> OriginIds.mayOpen(NodeId.of("VN-05"), id))
				.matches((id) -> !OriginIds.mayOpen(NodeId.of("LA-LP"), id))
				.isNotEqualTo(UUID.nameUUIDFromBytes(("mekong-exchange:VN-05:desk.vn05:" + key).getBytes()));
		}

	}

	@Nested
	class TheAuditTrail {

		@Test
		void recordsWhoFiledRoutedDeniedReceivedAndAcceptedAnAlertOnceEachWithoutItsContent() {
			DeskClient sonLa = nodes.sonLaDesk();
			String alertId = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO", "LA-LP"));
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(addressee(sonLa, alertId, "LA-HO")).containsEntry("status", "RECEIVED"));
			// The desk answers what its inbox shows, which follows the RECEIVED
			// acknowledgement by a commit.
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(200));
			assertThat(nodes.houaphanDesk()
				.post("/api/v1/inbox/" + alertId + "/acks",
						"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}")
				.status()).isEqualTo(201);

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(sonLa.get("/api/v1/alerts/" + alertId + "/audit").jsonList())
					.extracting((event) -> event.get("action") + " " + event.get("node") + " " + event.get("actor")
							+ " " + event.get("addressee") + " " + event.get("detail"))
					.containsExactlyInAnyOrder("FILED VN-05 son-la-hotline/Lt. Nguyen Van An null null",
							"ROUTED VN-05 router LA-HO under agreement VN-05~LA-HO/2023",
							"DENIED VN-05 router LA-LP NO_AGREEMENT", "RECEIVED LA-HO receiver LA-HO null",
							"ACCEPTED LA-HO houaphan-hotline/Capt. Khamphone LA-HO null"));
			assertThat(addressee(sonLa, alertId, "LA-HO"))
				.as("the origin learns which login answered at the addressee, beside the officer it named")
				.containsEntry("by", "houaphan-hotline/Capt. Khamphone")
				.containsEntry("user", "desk.laho");
			assertThat(sonLa.get("/api/v1/alerts/" + alertId + "/audit").jsonList())
				.filteredOn((event) -> "FILED".equals(event.get("action")))
				.singleElement()
				.as("the login the identity provider authenticated, beside the officer the desk named")
				.satisfies((filedEvent) -> assertThat(filedEvent).containsEntry("user", "desk.vn05"));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(valuesOf("exchange.LA-HO.audit", alertId)).hasSize(2));
			assertThat(valuesOf("exchange.LA-HO.audit", alertId))
				.anySatisfy((answered) -> assertThat(new String(answered, StandardCharsets.UTF_8))
					.contains("Capt. Khamphone", "desk.laho"));
			assertThat(valuesOf("exchange.VN-05.audit", alertId))
				.anySatisfy((filedEvent) -> assertThat(new String(filedEvent, StandardCharsets.UTF_8))
					.contains("Lt. Nguyen Van An", "desk.vn05"));
			for (String topic : List.of("exchange.VN-05.audit", "exchange.LA-HO.audit")) {
				assertThat(valuesOf(topic, alertId))
					.allSatisfy((event) -> assertThat(new String(event, StandardCharsets.UTF_8))
						.doesNotContain("Vang De Mua", "Huoi Nha", "synthetic pills"));
			}
			assertThat(nodes.houaphanDesk().get("/api/v1/alerts/" + alertId + "/audit").status())
				.as("the audit trail of an alert is for its origin's desks")
				.isEqualTo(404);
		}

	}

	@Nested
	class ReadsOfPersonalData {

		@Test
		void areOnRecordAtTheNodeThatAnsweredWithWhoReadWhichAlertsOrSearchedWhichName() {
			DeskClient sonLa = nodes.sonLaDesk();
			DeskClient houaphan = nodes.houaphanDesk();
			String alertId = inHouaphansInbox(nodes, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			String name = "Vàng Dề Mua";
			assertThat(houaphan.get("/api/v1/inbox?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).jsonList())
				.extracting((entry) -> entry.get("alertId"))
				.contains(alertId);
			assertThat(houaphan.get("/api/v1/inbox?limit=3").status()).isEqualTo(200);
			assertThat(sonLa.get("/api/v1/alerts/" + alertId).status()).isEqualTo(200);
			assertThat(sonLa.get("/api/v1/alerts/" + alertId + "/audit").status()).isEqualTo(200);
			List<Object> sentPage = sonLa.get("/api/v1/alerts?limit=2")
				.jsonList()
				.stream()
				.map((sent) -> sent.get("alertId"))
				.toList();
			assertThat(sonLa.get("/api/v1/alerts?limit=2").status()).as("the same page again, as a console polls it")
				.isEqualTo(200);
			String otherScript = "ວັງ ເດ ມົວ";
			assertThat(sonLa
				.post("/api/v1/alerts/search?limit=500",
						"{\"fullName\": \"Somebody Else\", \"aliases\": [\"" + otherScript
								+ "\"], \"birthYear\": 1970}")
				.jsonList()).as("its own alerts naming the person, as the page of an inbox entry asks for them")
				.extracting((sent) -> sent.get("alertId"))
				.contains(alertId);
			assertThat(
					sonLa.post("/api/v1/alerts/search", "{\"fullName\": \"" + otherScript + "\", \"birthYear\": 1990}")
						.jsonList())
				.as("born twenty years later")
				.isEmpty();
			assertThat(houaphan.get("/api/v1/inbox/" + UUID.randomUUID()).status()).isEqualTo(404);

			List<AccessEvent> houaphanReads = accessEventsOf("exchange.LA-HO.access", "desk.laho");
			assertThat(houaphanReads).allSatisfy((read) -> {
				assertThat(read.getDesk()).isEqualTo("houaphan-hotline");
				assertThat(read.getNode()).isEqualTo("LA-HO");
				assertThat(read.getInstance()).isEqualTo("1");
			});
			assertThat(houaphanReads).filteredOn((read) -> read.getRead() == AccessKind.INBOX_ENTRY)
				.allSatisfy((read) -> assertThat(read.getAlertIds()).hasSize(1))
				.as("the entry read, and not the one that was not there")
				.anySatisfy((read) -> assertThat(read.getAlertIds()).containsExactly(alertId));
			assertThat(houaphanReads).filteredOn((read) -> read.getRead() == AccessKind.INBOX_SEARCH)
				.anySatisfy((search) -> {
					assertThat(search.getQuery()).isEqualTo(name);
					assertThat(search.getAlertIds()).contains(alertId);
				});
			assertThat(houaphanReads).filteredOn((read) -> read.getRead() == AccessKind.INBOX_LIST)
				.anySatisfy((page) -> assertThat(page.getAlertIds()).hasSizeBetween(1, 3));
			List<AccessEvent> sonLaReads = accessEventsOf("exchange.VN-05.access", "desk.vn05");
			assertThat(sonLaReads).extracting(AccessEvent::getRead)
				.contains(AccessKind.SENT_ALERT, AccessKind.AUDIT_TRAIL);
			assertThat(sonLaReads).filteredOn((read) -> read.getRead() == AccessKind.SENT_SEARCH)
				.anySatisfy((search) -> {
					assertThat(search.getQuery()).isEqualTo("Somebody Else; " + otherScript);
					assertThat(search.getAlertIds()).contains(alertId);
				});
			assertThat(sonLaReads).filteredOn((read) -> read.getRead() == AccessKind.SENT_LIST)
				.filteredOn((read) -> List.copyOf(read.getAlertIds()).equals(sentPage))
				.as("a page read twice in a row is recorded once")
				.hasSize(1);
			assertThat(new Scrape(nodes.sonLaManagement().get("/actuator/prometheus").body())
				.sum("exchange_desk_reads_total", "read=\"AUDIT_TRAIL\"")).isGreaterThanOrEqualTo(1);
		}

		/** The access events of {@code user} at a node, decoded with the registry. */
		List<AccessEvent> accessEventsOf(String topic, String user) {
			AvroWireDeserializer decoder = new AvroWireDeserializer();
			decoder.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url(), "specific.avro.reader", true),
					false);
			return recordsOf(nodes.broker.bootstrapServers(), topic, user).stream()
				.map((record) -> (AccessEvent) decoder.deserialize(topic, record.value()))
				.toList();
		}

	}

	@Nested
	class AnAddresseeTheAgreementsDoNotAllow {

		@Test
		void isDeniedByPolicyWithTheReasonVisibleToTheSender() {
			DeskClient sonLa = nodes.sonLaDesk();
			String alertId = filed(sonLa, suspectAlert("ONLINE_FRAUD", "LA-HO", "VN-13"));

			await().atMost(PATIENCE).untilAsserted(() -> {
				assertThat(addressee(sonLa, alertId, "LA-HO")).containsEntry("status", "DENIED_BY_POLICY")
					.containsEntry("reason", "CATEGORY_NOT_COVERED");
				assertThat(addressee(sonLa, alertId, "VN-13")).containsEntry("status", "DENIED_BY_POLICY")
					.containsEntry("reason", "NO_AGREEMENT");
			});
			assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(404);
		}

	}

	@Nested
	class HandlingCodes {

		@Test
		void keepRedAlertsWithinWhatTheAgreementAllowsAndNeverBroadcastThem() {
			DeskClient sonLa = nodes.sonLaDesk();
			String named = filed(sonLa, withTlp(suspectAlert("DRUG_TRAFFICKING", "LA-HO"), "RED"));
			String broadcast = filed(sonLa, withTlp(suspectAlert("DRUG_TRAFFICKING"), "RED"));

			await().atMost(PATIENCE).untilAsserted(() -> {
				assertThat(addressee(sonLa, named, "LA-HO")).containsEntry("status", "DENIED_BY_POLICY")
					.containsEntry("reason", "TLP_NOT_ALLOWED");
				assertThat(addressee(sonLa, broadcast, "LA-HO")).containsEntry("status", "DENIED_BY_POLICY")
					.containsEntry("reason", "TLP_NEEDS_NAMED_ADDRESSEE");
			});
		}

		@Test
		void letAmberStrictGoToANamedAddresseeTheAgreementAllows() {
			DeskClient sonLa = nodes.sonLaDesk();
			String alertId = filed(sonLa, withTlp(suspectAlert("DRUG_TRAFFICKING", "LA-HO"), "AMBER_STRICT"));

			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(addressee(sonLa, alertId, "LA-HO")).containsEntry("status", "RECEIVED"));
		}

	}

	@Nested
	class Revisions {

		@Test
		void updateThenCancelReachThePartnerWhoShowsOnlyTheCurrentRevisionAndKeepsTheHistory() {
			DeskClient sonLa = nodes.sonLaDesk();
			DeskClient houaphan = nodes.houaphanDesk();
			String alertId = inHouaphansInbox(nodes, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));

			String corrected = suspectAlert("DRUG_TRAFFICKING", "LA-HO").replace("\"ageAtReport\": 47",
					"\"ageAtReport\": 48");
			DeskClient.Answer update = sonLa.post("/api/v1/alerts/" + alertId + "/revisions",
					"{\"messageType\": \"UPDATE\", \"revisionNote\": \"Kia Vang is 48, not 47\", \"alert\": "
							+ corrected + "}");
			assertThat(update.status()).as(update.body()).isEqualTo(201);
			assertThat(update.json()).containsEntry("revision", 2);
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(houaphan.get("/api/v1/inbox/" + alertId).json()).containsEntry("revision", 2)
							.containsEntry("messageType", "UPDATE"));
			assertThat(houaphan.get("/api/v1/inbox/" + alertId).body()).contains("\"ageAtReport\":48",
					"Kia Vang is 48, not 47");

			DeskClient.Answer cancel = sonLa.post("/api/v1/alerts/" + alertId + "/revisions",
					"{\"messageType\": \"CANCEL\", \"officer\": \"Lt. Nguyen Van An\", \"revisionNote\": \"Both arrested\"}");
			assertThat(cancel.status()).as(cancel.body()).isEqualTo(201);
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(houaphan.get("/api/v1/inbox/" + alertId).json())
					.containsEntry("cancelled", true)
					.containsEntry("revision", 3));
			assertThat(houaphan.get("/api/v1/inbox").jsonList())
				.noneMatch((entry) -> alertId.equals(entry.get("alertId")));
			assertThat(houaphan.get("/api/v1/inbox?state=CANCELLED").jsonList())
				.anyMatch((entry) -> alertId.equals(entry.get("alertId")));
			List<Map<String, Object>> history = (List<Map<String, Object>>) houaphan.get("/api/v1/inbox/" + alertId)
				.json()
				.get("revisions");
			assertThat(history).extracting((revision) -> (Object) revision.get("messageType"))
				.containsExactly("ALERT", "UPDATE", "CANCEL");
			assertThat(sonLa.get("/api/v1/alerts/" + alertId).json()).containsEntry("cancelled", true);
		}

		@Test
		void areRefusedForAlertsTheNodeDidNotSendOrThatWereCancelled() {
			DeskClient sonLa = nodes.sonLaDesk();
			String alertId = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			String cancel = "{\"messageType\": \"CANCEL\", \"officer\": \"Lt. An\", \"revisionNote\": \"Filed by mistake\"}";

			assertThat(nodes.houaphanDesk().post("/api/v1/alerts/" + alertId + "/revisions", cancel).status())
				.isEqualTo(404);
			assertThat(sonLa.post("/api/v1/alerts/" + UUID.randomUUID() + "/revisions", cancel).status())
				.isEqualTo(404);
			assertThat(sonLa.post("/api/v1/alerts/" + alertId + "/revisions", cancel).status()).isEqualTo(201);
			assertThat(sonLa.post("/api/v1/alerts/" + alertId + "/revisions", cancel).status()).isEqualTo(409);
			assertThat(sonLa
				.post("/api/v1/alerts/" + alertId + "/revisions",
						"{\"messageType\": \"UPDATE\", \"revisionNote\": \"x\"}")
				.status()).isEqualTo(400);
		}

	}

	@Nested
	class NearDuplicates {

		@Test
		void linkAPersonReportedInLaoScriptByLuangPrabangWithTheSamePersonReportedBySonLa() throws Exception {
			String sonLaAlert = filed(nodes.sonLaDesk(), suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			Alert fromLuangPrabang = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
			fromLuangPrabang.getOrigin().setNodeId("LA-LP");
			Person inLao = ((SuspectAlert) fromLuangPrabang.getPayload()).getPersons().get(0);
			inLao.setFullName("ວັງ ເດ ມົວ");
			inLao.setBirthYear(1970);
			nodes.createTopicsOfAnotherNode("LA-LP");
			try (KafkaProducer<String, Object> producer = producerAs("LA-LP")) {
				producer
					.send(new ProducerRecord<>("exchange.LA-HO.inbox", fromLuangPrabang.getAlertId().toString(),
							fromLuangPrabang))
					.get();
			}

			await().atMost(PATIENCE).untilAsserted(() -> {
				List<Map<String, Object>> links = (List<Map<String, Object>>) nodes.houaphanDesk()
					.get("/api/v1/inbox/" + sonLaAlert)
					.json()
					.get("possiblySamePersons");
				assertThat(links).anySatisfy((link) -> assertThat(link).containsEntry("person", "Vang De Mua")
					.containsEntry("samePersonAs", "ວັງ ເດ ມົວ")
					.containsEntry("reportedBy", "LA-LP")
					.containsEntry("inAlert", fromLuangPrabang.getAlertId().toString()));
			});
		}

	}

	@Nested
	class InboxQueries {

		@Test
		void findsAnEntryByAPersonsNameInLaoScriptOrWithVietnameseDiacriticsInAnyWordOrder() throws Exception {
			String sonLaAlert = filed(nodes.sonLaDesk(), suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + sonLaAlert).status())
					.isEqualTo(200));
			for (String name : List.of("ວັງ ເດ ມົວ", "Mua Vàng Dê", "vang de mua")) {
				List<Map<String, Object>> found = nodes.houaphanDesk()
					.get("/api/v1/inbox?state=ALL&limit=1000&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
					.jsonList();
				assertThat(found).as(name).extracting((entry) -> entry.get("alertId")).contains(sonLaAlert);
			}
			assertThat(nodes.houaphanDesk()
				.get("/api/v1/inbox?name=" + URLEncoder.encode("Somebody Else Entirely", StandardCharsets.UTF_8))
				.jsonList()).isEmpty();
		}

		@Test
		void pagesThroughTheWholeInboxNewestTakenFirstWithNextLinks() throws Exception {
			for (int i = 0; i < 3; i++) {
				String alert = filed(nodes.sonLaDesk(), suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
				await().atMost(PATIENCE)
					.untilAsserted(() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alert).status())
						.isEqualTo(200));
			}
			List<Object> whole = nodes.houaphanDesk()
				.get("/api/v1/inbox?state=ALL&limit=1000")
				.jsonList()
				.stream()
				.map((entry) -> entry.get("alertId"))
				.toList();
			List<Object> paged = new ArrayList<>();
			String page = "/api/v1/inbox?state=ALL&limit=2";
			while (page != null) {
				DeskClient.Answer answer = nodes.houaphanDesk().get(page);
				assertThat(answer.status()).isEqualTo(200);
				answer.jsonList().forEach((entry) -> paged.add(entry.get("alertId")));
				String link = answer.header("Link");
				page = (link != null) ? link.substring(link.indexOf("/api/v1/inbox"), link.indexOf('>')) : null;
			}
			assertThat(whole).hasSizeGreaterThanOrEqualTo(3);
			assertThat(paged).containsExactlyElementsOf(whole);
			List<Instant> taken = nodes.houaphanDesk()
				.get("/api/v1/inbox?state=ALL&limit=1000")
				.jsonList()
				.stream()
				.map((entry) -> Instant.parse((String) entry.get("receivedAt")))
				.toList();
			assertThat(taken).isSortedAccordingTo(Comparator.reverseOrder());
		}

		@Test
		void refusesParametersOutOfBoundsWithAProblemNamingThem() {
			for (String query : List.of("after=yesterday", "limit=5000", "limit=-1", "name=")) {
				DeskClient.Answer answer = nodes.houaphanDesk().get("/api/v1/inbox?" + query);
				assertThat(answer.status()).as(query).isEqualTo(400);
				assertThat(answer.contentType()).isEqualTo("application/problem+json");
				assertThat((List<Map<String, Object>>) answer.json().get("errors")).as(query)
					.singleElement()
					.satisfies((error) -> assertThat(error).containsEntry("field", query.split("=")[0]));
			}
		}

	}

	@Nested
	class TheReceiver {

		@Test
		void takesARevisionDeliveredThreeTimesOnlyOnce() throws Exception {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
			try (KafkaProducer<String, Object> producer = producerAs("VN-05")) {
				for (int copy = 0; copy < 3; copy++) {
					producer.send(new ProducerRecord<>("exchange.LA-HO.inbox", alert.getAlertId().toString(), alert))
						.get();
				}
			}
			String alertId = alert.getAlertId().toString();
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(200));
			await().during(Duration.ofSeconds(2))
				.atMost(PATIENCE)
				.untilAsserted(() -> assertThat(valuesOf("exchange.VN-05.acks", alertId)).hasSize(1));
			assertThat((List<?>) nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).json().get("revisions"))
				.hasSize(1);
		}

		@Test
		void sendsUndecodableRecordsToTheDeadLetterTopicWithAReasonAndKeepsGoing() throws Exception {
			String garbageKey = "garbage-" + UUID.randomUUID();
			Alert valid = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
			nodes.write(TestKeys.signedBy("VN-05",
					new ProducerRecord<>("exchange.LA-HO.inbox", garbageKey, new byte[] { 7, 7, 7 })));
			try (KafkaProducer<String, Object> avro = producerAs("VN-05")) {
				avro.send(new ProducerRecord<>("exchange.LA-HO.inbox", valid.getAlertId().toString(), valid)).get();
			}

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.LA-HO.dlq", garbageKey)).singleElement()
					.satisfies((dead) -> {
						assertThat(dead.value()).containsExactly(7, 7, 7);
						assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
							.isEqualTo("UNDECODABLE");
						assertThat(new String(dead.headers().lastHeader("__streams.errors.topic").value()))
							.isEqualTo("exchange.LA-HO.inbox");
					}));
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + valid.getAlertId()).status())
							.isEqualTo(200));
		}

		@Test
		void sendsRecordsNamingAnUnknownSchemaIdToTheDeadLetterTopic() throws Exception {
			String key = "unknown-schema-" + UUID.randomUUID();
			nodes.write(TestKeys.signedBy("VN-05",
					new ProducerRecord<>("exchange.LA-HO.inbox", key, new byte[] { 0, 0, 0x0f, 0x42, 0x3f, 2, 4 })));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.LA-HO.dlq", key)).singleElement()
					.satisfies((dead) -> assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
						.isEqualTo("UNKNOWN_SCHEMA")));
		}

		@Test
		void sendsARevisionFromAnotherNodeThanTheOriginToTheDeadLetterTopic() throws Exception {
			String alertId = filed(nodes.sonLaDesk(), suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(200));
			Alert forged = Alerts.suspectsFromSonLa(UUID.fromString(alertId))
				.setRevision(2)
				.setSentAt(Instant.now())
				.setSummary("Forged by another node")
				.build();
			forged.getOrigin().setNodeId("LA-LP");
			try (KafkaProducer<String, Object> producer = producerAs("LA-LP")) {
				producer.send(new ProducerRecord<>("exchange.LA-HO.inbox", alertId, forged)).get();
			}

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.LA-HO.dlq", alertId)).singleElement()
					.satisfies((dead) -> assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
						.as("Son La's id is in Son La's id space")
						.isEqualTo("ALERT_ID_OF_ANOTHER_ORIGIN")));
			assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).json()).containsEntry("revision", 1);
		}

		@Test
		void sendsAlertsFromNodesWithoutAgreementToTheDeadLetterTopic() throws Exception {
			Alert stranger = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
			stranger.getOrigin().setNodeId("KH-1");
			try (KafkaProducer<String, Object> producer = producerAs("KH-1")) {
				producer.send(new ProducerRecord<>("exchange.LA-HO.inbox", stranger.getAlertId().toString(), stranger))
					.get();
			}
			String alertId = stranger.getAlertId().toString();
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.LA-HO.dlq", alertId)).singleElement()
					.satisfies((dead) -> assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
						.isEqualTo("UNKNOWN_ORIGIN")));
			assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(404);
		}

	}

	@Nested
	class Signatures {

		final AvroWireSerializer serializer = new AvroWireSerializer();

		Signatures() {
			this.serializer.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		}

		/**
		 * Sends {@code value} with the signature {@code signer} makes of {@code signed},
		 * and returns the alert id.
		 */
		String send(Alert alert, byte[] value, Signer signer, byte[] signed) throws Exception {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>("exchange.LA-HO.inbox",
					alert.getAlertId().toString(), value);
			if (signer != null) {
				TestKeys.withSignature(record, signer, signed);
			}
			nodes.write(record);
			return alert.getAlertId().toString();
		}

		Alert fromSonLa() {
			return Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
		}

		void assertDeadLetter(String alertId, String reason) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.LA-HO.dlq", alertId)).singleElement()
					.satisfies((dead) -> assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
						.isEqualTo(reason)));
			assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(404);
		}

		@Test
		void refuseATamperedValue() throws Exception {
			Alert alert = fromSonLa();
			byte[] genuine = this.serializer.serialize("exchange.LA-HO.inbox", alert);
			byte[] tampered = genuine.clone();
			tampered[tampered.length - 3] ^= 1;

			assertDeadLetter(send(alert, tampered, TestKeys.signerOf("VN-05"), genuine), "BAD_SIGNATURE");
		}

		@Test
		void refuseAKeyTheDirectoryDoesNotHave() throws Exception {
			Alert alert = fromSonLa();
			byte[] value = this.serializer.serialize("exchange.LA-HO.inbox", alert);
			NodeKey unknown = NodeKey.generate(NodeId.of("VN-05"), "not-in-any-directory");

			assertDeadLetter(send(alert, value, new Signer(unknown.keyId(), unknown.privateKey()), value),
					"UNKNOWN_KEY");
		}

		@Test
		void refuseAnAlertClaimingSonLaSignedByAnotherNode() throws Exception {
			Alert alert = fromSonLa();
			byte[] value = this.serializer.serialize("exchange.LA-HO.inbox", alert);

			assertDeadLetter(send(alert, value, TestKeys.signerOf("LA-LP"), value), "KEY_OF_ANOTHER_NODE");
		}

		@Test
		void refuseASignatureReplayedFromAnotherRecord() throws Exception {
			Alert genuine = fromSonLa();
			Alert forged = Alert.newBuilder(genuine).setSummary("Stand down: the couple left by river").build();
			byte[] genuineBytes = this.serializer.serialize("exchange.LA-HO.inbox", genuine);

			assertDeadLetter(send(forged, this.serializer.serialize("exchange.LA-HO.inbox", forged),
					TestKeys.signerOf("VN-05"), genuineBytes), "BAD_SIGNATURE");
		}

		@Test
		void refuseAnUnsignedAlert() throws Exception {
			Alert alert = fromSonLa();

			assertDeadLetter(send(alert, this.serializer.serialize("exchange.LA-HO.inbox", alert), null, null),
					"UNSIGNED");
		}

	}

	@Nested
	class AlertsForAnotherNode {

		@Test
		void areRefusedWhenTheyNameOtherAddresseesEvenIfValidlySigned() throws Exception {
			Alert toLuangPrabang = Alerts.suspectsFromSonLa(UUID.randomUUID())
				.setSentAt(Instant.now())
				.setAddressees(List.of("LA-LP"))
				.build();
			try (KafkaProducer<String, Object> producer = producerAs("VN-05")) {
				producer
					.send(new ProducerRecord<>("exchange.LA-HO.inbox", toLuangPrabang.getAlertId().toString(),
							toLuangPrabang))
					.get();
			}

			assertHoldsNothingOf(toLuangPrabang, "NOT_ADDRESSED_HERE");
		}

		@Test
		void areRefusedWhenTheyNameNobodyAndNoAgreementAllowsThemHere() throws Exception {
			Alert broadcastRed = Alerts.suspectsFromSonLa(UUID.randomUUID())
				.setSentAt(Instant.now())
				.setAddressees(List.of())
				.setHandling(new Handling(Tlp.RED, SourceReliability.B, 2))
				.build();
			try (KafkaProducer<String, Object> producer = producerAs("VN-05")) {
				producer
					.send(new ProducerRecord<>("exchange.LA-HO.inbox", broadcastRed.getAlertId().toString(),
							broadcastRed))
					.get();
			}

			assertHoldsNothingOf(broadcastRed, "NOT_PERMITTED_HERE");
		}

		private void assertHoldsNothingOf(Alert alert, String reason) {
			String alertId = alert.getAlertId().toString();
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.LA-HO.dlq", alertId)).singleElement()
					.satisfies((dead) -> assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
						.isEqualTo(reason)));
			assertThat(nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status()).isEqualTo(404);
			assertThat(valuesOf("exchange.VN-05.acks", alertId)).isEmpty();
		}

	}

	/**
	 * Son La's acks topic is written by its partners too: what it takes from there must
	 * be signed by the node that acknowledges, and be about a revision Son La delivered
	 * to that node.
	 */
	@Nested
	class AcknowledgementsToSonLa {

		final AvroWireSerializer serializer = new AvroWireSerializer();

		AcknowledgementsToSonLa() {
			this.serializer.configure(Map.of("schema.registry.url", SharedSchemaRegistry.url()), false);
		}

		@Test
		void fromOnePartnerInAnothersNameAreRefused() throws Exception {
			String alertId = receivedAtHouaphan();

			sendSigned(ack(alertId, "LA-HO", AckStatus.ACCEPTED), TestKeys.signerOf("LA-LP"));

			assertRefused(alertId, "KEY_OF_ANOTHER_NODE");
			assertThat(addressee(nodes.sonLaDesk(), alertId, "LA-HO")).containsEntry("status", "RECEIVED");
		}

		@Test
		void withoutASignatureAreRefused() throws Exception {
			String alertId = receivedAtHouaphan();

			sendSigned(ack(alertId, "LA-HO", AckStatus.ACCEPTED), null);

			assertRefused(alertId, "UNSIGNED");
			assertThat(addressee(nodes.sonLaDesk(), alertId, "LA-HO")).containsEntry("status", "RECEIVED");
		}

		@Test
		void ofARoutingDecisionNotSignedBySonLaAreRefused() throws Exception {
			String alertId = receivedAtHouaphan();

			sendSigned(ack(alertId, "LA-HO", AckStatus.DENIED_BY_POLICY), TestKeys.signerOf("LA-HO"));

			assertRefused(alertId, "KEY_OF_ANOTHER_NODE");
			assertThat(addressee(nodes.sonLaDesk(), alertId, "LA-HO")).containsEntry("status", "RECEIVED");
		}

		@Test
		void forAnAlertSonLaNeverSentAreRefused() throws Exception {
			String alertId = UUID.randomUUID().toString();

			sendSigned(ack(alertId, "LA-HO", AckStatus.RECEIVED), TestKeys.signerOf("LA-HO"));

			assertRefused(alertId, "ACK_FOR_UNKNOWN_ALERT");
			assertThat(nodes.sonLaDesk().get("/api/v1/alerts/" + alertId).status()).isEqualTo(404);
		}

		@Test
		void fromANodeTheAlertWasNeverDeliveredToAreRefused() throws Exception {
			String alertId = receivedAtHouaphan();

			sendSigned(ack(alertId, "LA-LP", AckStatus.ACCEPTED), TestKeys.signerOf("LA-LP"));

			assertRefused(alertId, "ACK_FROM_NON_ADDRESSEE");
			assertThat(addressee(nodes.sonLaDesk(), alertId, "LA-LP")).isEmpty();
			assertThat(nodes.sonLaDesk().get("/api/v1/alerts/" + alertId + "/audit").body()).doesNotContain("LA-LP");
		}

		@Test
		void thatAreAlertsAreRefusedAndNeverShownAsSent() throws Exception {
			Alert alert = Alerts.suspectsFromSonLa(UUID.randomUUID()).setSentAt(Instant.now()).build();
			byte[] value = this.serializer.serialize("exchange.VN-05.outbox", alert);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>("exchange.VN-05.acks",
					alert.getAlertId().toString(), value);
			nodes.write(TestKeys.signedBy("LA-HO", record));

			assertRefused(alert.getAlertId().toString(), "NOT_AN_ACKNOWLEDGEMENT");
			assertThat(nodes.sonLaDesk().get("/api/v1/alerts/" + alert.getAlertId()).status()).isEqualTo(404);
		}

		/** An alert filed at Son La for Houaphan, once Son La shows it RECEIVED there. */
		String receivedAtHouaphan() {
			String alertId = filed(nodes.sonLaDesk(), suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(addressee(nodes.sonLaDesk(), alertId, "LA-HO")).containsEntry("status",
						"RECEIVED"));
			return alertId;
		}

		Acknowledgement ack(String alertId, String recipient, AckStatus status) {
			return Acknowledgement.newBuilder()
				.setAlertId(UUID.fromString(alertId))
				.setRevision(1)
				.setRecipientNode(recipient)
				.setStatus(status)
				.setAt(Instant.now())
				.setBy("Capt. Forged")
				.build();
		}

		/** Writes {@code ack} to Son La's acks topic, signed by {@code signer} if any. */
		void sendSigned(Acknowledgement ack, Signer signer) throws Exception {
			byte[] value = this.serializer.serialize("exchange.VN-05.acks", ack);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>("exchange.VN-05.acks",
					ack.getAlertId().toString(), value);
			if (signer != null) {
				TestKeys.withSignature(record, signer, value);
			}
			nodes.write(record);
		}

		/** The acknowledgement is in Son La's dead-letter topic, with {@code reason}. */
		void assertRefused(String alertId, String reason) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(recordsOf("exchange.VN-05.dlq", alertId)).singleElement()
					.satisfies((dead) -> assertThat(new String(dead.headers().lastHeader("mekong-dlq-reason").value()))
						.isEqualTo(reason)));
		}

	}

	@Nested
	class TheDeskApi {

		@Test
		void refusesAnInvalidAlertWithProblemDetailsNamingEachField() {
			DeskClient.Answer refused = nodes.sonLaDesk().post("/api/v1/alerts", """
					{"priority": "SOON", "category": "DRUG_TRAFFICKING"}
					""");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.json()).containsEntry("status", 400).containsKey("errors");

			DeskClient.Answer missing = nodes.sonLaDesk().post("/api/v1/alerts", """
					{"category": "DRUG_TRAFFICKING", "addressees": ["la-ho"], "language": "en",
					 "payload": {"type": "SuspectAlert", "persons": []}}
					""");
			assertThat(missing.status()).isEqualTo(400);
			assertThat((List<Map<String, Object>>) missing.json().get("errors"))
				.extracting((error) -> error.get("field"))
				.contains("officer", "priority", "handling", "summary", "addressees[0]", "payload.persons");
		}

		@Test
		void refusesASearchOfSentAlertsForAPersonOutOfBoundsWithAProblemNamingTheField() {
			Map<String, String> refused = Map.of("{\"fullName\": \" \"}", "fullName",
					"{\"fullName\": \"" + "x".repeat(201) + "\"}", "fullName",
					"{\"fullName\": \"a\", \"aliases\": [\"\"]}", "aliases[0]",
					"{\"fullName\": \"a\", \"aliases\": [" + String.join(",", Collections.nCopies(21, "\"b\"")) + "]}",
					"aliases");
			refused.forEach((person, field) -> {
				DeskClient.Answer answer = nodes.sonLaDesk().post("/api/v1/alerts/search", person);
				assertThat(answer.status()).as(person).isEqualTo(400);
				assertThat(answer.contentType()).startsWith("application/problem+json");
				assertThat((List<Map<String, Object>>) answer.json().get("errors")).as(person)
					.singleElement()
					.satisfies((error) -> assertThat(error).containsEntry("field", field));
			});
		}

		@Test
		void asksForCredentialsAndRefusesADeskOfAnotherNode() {
			DeskClient.Answer anonymous = DeskClient.anonymous(TwoNodes.urlOf(nodes.sonLa)).get("/api/v1/inbox");
			DeskClient.Answer forged = DeskClient
				.withBearer(TwoNodes.urlOf(nodes.sonLa), TestTokens.token("desk.vn05", "VN-05", "son-la-hotline"))
				.get("/api/v1/inbox");
			DeskClient.Answer otherNode = nodes.atSonLa("desk.laho").get("/api/v1/inbox");

			assertThat(anonymous.status()).isEqualTo(401);
			assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
			assertThat(forged.status()).as("a token the identity provider did not sign").isEqualTo(401);
			assertThat(otherNode.status()).as("a token the provider issued for Houaphan's desk API").isEqualTo(401);
			assertThat(otherNode.contentType()).startsWith("application/problem+json");
		}

		@Test
		void exposesOnlyHealthAndPrometheusOnTheManagementPort() {
			DeskClient management = nodes.sonLaManagement();
			String alertId = filed(nodes.sonLaDesk(), suspectAlert("WEAPONS", "LA-HO"));
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(addressee(nodes.sonLaDesk(), alertId, "LA-HO").get("status")).as("routed")
							.isNotNull());

			assertThat(management.get("/actuator/health").status()).isEqualTo(200);
			assertThat(management.get("/actuator/prometheus").body()).contains("node=\"VN-05\"",
					"exchange_alerts_published_total", "exchange_alerts_routed_total",
					"exchange_alerts_unacknowledged");
			assertThat(management.get("/actuator/env").status()).isEqualTo(404);
			assertThat(management.get("/actuator/beans").status()).isEqualTo(404);
		}

		@Test
		void refusesAddresseesThatAreUnknownOrTheNodeItself() {
			DeskClient.Answer refused = nodes.sonLaDesk()
				.post("/api/v1/alerts", suspectAlert("DRUG_TRAFFICKING", "LA-ZZ", "VN-05"));

			assertThat(refused.status()).isEqualTo(400);
			assertThat((List<Map<String, Object>>) refused.json().get("errors"))
				.extracting((error) -> error.get("field"))
				.containsExactly("addressees[0]", "addressees[1]");
		}

		@Test
		void answersUnknownAlertsWithNotFound() {
			assertThat(nodes.sonLaDesk().get("/api/v1/alerts/" + UUID.randomUUID()).status()).isEqualTo(404);
			assertThat(nodes.sonLaDesk().get("/api/v1/alerts/not-a-uuid").status()).isEqualTo(400);
		}

	}

	@Nested
	class WhatTheConsoleUses {

		@Test
		void listsTheNodesAgreementsWithWhatEachCovers() {
			List<Map<String, Object>> agreements = nodes.sonLaDesk().get("/api/v1/agreements").jsonList();

			assertThat(agreements).singleElement()
				.satisfies((agreement) -> assertThat(agreement).containsEntry("id", "VN-05~LA-HO/2023")
					.containsEntry("partner", "LA-HO")
					.containsEntry("inForceToday", true)
					.containsEntry("highestTlp", "AMBER_STRICT")
					.containsEntry("categories", List.of("DRUG_TRAFFICKING", "WANTED_FUGITIVE", "WEAPONS"))
					.containsEntry("retention", "PT8760H"));
		}

		@Test
		void streamsAnInboxEventOnceAnAlertIsTaken() throws Exception {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(TwoNodes.urlOf(nodes.houaphan) + "/api/v1/inbox/stream"))
				.header("Authorization", "Bearer " + nodes.deskToken("desk.laho"))
				.build();
			HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofLines());
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			BlockingQueue<String> lines = new LinkedBlockingQueue<>();
			Thread reader = new Thread(() -> stream.body().forEach(lines::add));
			reader.setDaemon(true);
			reader.start();

			String alertId = filed(nodes.sonLaDesk(), suspectAlert("WEAPONS", "LA-HO"));

			await().atMost(PATIENCE)
				.until(() -> lines.stream().anyMatch((line) -> line.equals("data:{\"alertId\":\"" + alertId + "\"}")));
			assertThat(lines).contains("event:inbox");
			stream.body().close();
		}

		/**
		 * A desk holds at most {@code mekong.limits.event-streams-per-desk} (5) streams
		 * open at one instance; the sixth is refused with 429 naming the limit. A stream
		 * the desk closed stops counting by the next heartbeat, though nothing happened
		 * in the inbox meanwhile. (A desk of its own, so that its streams count for no
		 * other test.)
		 */
		@Test
		void refusesADeskMoreOpenEventStreamsThanItsLimit() throws Exception {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(TwoNodes.urlOf(nodes.houaphan) + "/api/v1/inbox/stream"))
				.header("Authorization", "Bearer " + nodes.deskToken("desk.laho.night"))
				.header("Accept", "text/event-stream")
				.build();
			HttpClient client = HttpClient.newHttpClient();
			List<HttpResponse<Stream<String>>> open = new ArrayList<>();
			try {
				for (int stream = 0; stream < 5; stream++) {
					open.add(client.send(request, HttpResponse.BodyHandlers.ofLines()));
				}
				HttpResponse<String> sixth = client.send(request, HttpResponse.BodyHandlers.ofString());

				assertThat(open).extracting(HttpResponse::statusCode).containsOnly(200);
				assertThat(sixth.statusCode()).isEqualTo(429);
				assertThat(sixth.body()).contains("\"limit\":\"event-streams-per-desk\"", "\"maximum\":5");

				open.remove(0).body().close();
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
					HttpResponse<Stream<String>> again = client.send(request, HttpResponse.BodyHandlers.ofLines());
					if (again.statusCode() == 200) {
						open.add(again);
					}
					else {
						again.body().close();
					}
					assertThat(again.statusCode()).as("a stream once the closed one stopped counting").isEqualTo(200);
				});
			}
			finally {
				open.forEach((stream) -> stream.body().close());
			}
		}

		@Test
		void aConsoleSessionActsOnlyWithItsCsrfTokenAndHasASessionCookieOfItsNode() throws Exception {
			String alertId = filed(nodes.sonLaDesk(), suspectAlert("WEAPONS", "LA-HO"));
			await().atMost(PATIENCE).until(() -> nodes.houaphanDesk().get("/api/v1/inbox/" + alertId).status() == 200);
			CookieManager cookies = new CookieManager();
			HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
			String houaphan = TwoNodes.urlOf(nodes.houaphan);
			HttpResponse<String> login = ConsoleLogIn.logIn(browser, houaphan, "desk.laho", "demo-laho");
			assertThat(login.statusCode()).isEqualTo(302);
			assertThat(login.headers().firstValue("Location")).hasValue(houaphan + "/console/inbox");
			assertThat(cookies.getCookieStore().getCookies()).extracting(HttpCookie::getName)
				.contains("MEKONG_SESSION_LA_HO");
			String inboxPage = browser
				.send(HttpRequest.newBuilder(URI.create(houaphan + "/console/inbox")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			String accept = "{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}";

			HttpResponse<String> withoutToken = browser.send(ack(houaphan, alertId, accept).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> withToken = browser.send(
					ack(houaphan, alertId, accept).header("X-CSRF-TOKEN", csrfTokenOf(inboxPage)).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(withoutToken.statusCode()).isEqualTo(403);
			assertThat(withoutToken.body()).contains("session token is missing or stale");
			assertThat(withToken.statusCode()).isEqualTo(201);
		}

		@Test
		void servesPagesThatRunOnlyTheNodesOwnScriptsAreNeverCachedAndKeepTheSessionCookieFromScripts()
				throws Exception {
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			String houaphan = TwoNodes.urlOf(nodes.houaphan);
			HttpResponse<String> loginPage = browser.send(
					HttpRequest.newBuilder(URI.create(houaphan + "/console/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> login = ConsoleLogIn.logIn(browser, houaphan, "desk.laho", "demo-laho");
			HttpResponse<String> inboxPage = browser.send(
					HttpRequest.newBuilder(URI.create(houaphan + "/console/inbox")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> inboxApi = browser.send(HttpRequest.newBuilder(URI.create(houaphan + "/api/v1/inbox"))
				.header("X-Mekong-Console", "1")
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(login.headers().allValues("Set-Cookie"))
				.filteredOn((cookie) -> cookie.startsWith("MEKONG_SESSION_"))
				.isNotEmpty()
				.allSatisfy((cookie) -> assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax"));
			for (HttpResponse<String> page : List.of(loginPage, inboxPage)) {
				assertThat(page.statusCode()).isEqualTo(200);
				assertThat(page.headers().firstValue("Content-Security-Policy")).get(STRING)
					.contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
					.doesNotContain("unsafe");
				assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
				assertThat(Pattern.compile("<script[^>]*>").matcher(page.body()).results().map(MatchResult::group))
					.as("scripts of %s", page.uri())
					.allSatisfy((script) -> assertThat(script).containsAnyOf(" src=", "type=\"application/json\""));
			}
			for (HttpResponse<String> answer : List.of(loginPage, inboxPage, inboxApi)) {
				assertThat(answer.statusCode()).isEqualTo(200);
				assertThat(answer.headers().firstValue("Cache-Control")).get(STRING).contains("no-store");
				assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
				assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
				assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("HSTS is sent over HTTPS only")
					.isEmpty();
			}
			assertThat(inboxApi.headers().firstValue("Content-Security-Policy"))
				.hasValue("default-src 'none'; frame-ancestors 'none'");
		}

		private static HttpRequest.Builder ack(String node, String alertId, String json) {
			return HttpRequest.newBuilder(URI.create(node + "/api/v1/inbox/" + alertId + "/acks"))
				.header("Content-Type", "application/json")
				.header("X-Mekong-Console", "1")
				.POST(HttpRequest.BodyPublishers.ofString(json));
		}

		private static String csrfTokenOf(String page) {
			Matcher token = Pattern.compile("name=\"(?:_csrf|csrf-token)\" (?:value|content)=\"([^\"]+)\"")
				.matcher(page);
			assertThat(token.find()).as("a CSRF token in the page").isTrue();
			return token.group(1);
		}

	}

	/** Writes to a topic as {@code node}'s router would: signed with its key. */
	static KafkaProducer<String, Object> producerAs(String node) {
		return TestKeys.producerOf(node, nodes.broker.bootstrapServers());
	}

	static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String key) {
		return recordsOf(nodes.broker.bootstrapServers(), topic, key);
	}

	static List<ConsumerRecord<String, byte[]>> recordsOf(String bootstrapServers, String topic, String key) {
		return allRecordsOf(bootstrapServers, topic).stream().filter((record) -> key.equals(record.key())).toList();
	}

	/** Every committed record of {@code topic} so far. */
	static List<ConsumerRecord<String, byte[]>> allRecordsOf(String bootstrapServers, String topic) {
		return allRecordsOf(bootstrapServers, topic, new StringDeserializer());
	}

	/** Every committed record of {@code topic} so far, its keys read by {@code keys}. */
	static <K> List<ConsumerRecord<K, byte[]>> allRecordsOf(String bootstrapServers, String topic,
			Deserializer<K> keys) {
		return CommittedRecords.of(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, keys);
	}

	static List<byte[]> valuesOf(String topic, String key) {
		return valuesOf(nodes.broker.bootstrapServers(), topic, key);
	}

	static List<byte[]> valuesOf(String bootstrapServers, String topic, String key) {
		return recordsOf(bootstrapServers, topic, key).stream().map(ConsumerRecord::value).toList();
	}

}
