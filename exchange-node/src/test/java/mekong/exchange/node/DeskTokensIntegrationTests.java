package mekong.exchange.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Desks as in production: bearer tokens of the province's identity provider, verified by
 * the node, whose {@code mekong_node} claim says which node the desk acts for. Tokens are
 * signed by {@link TestTokens}, whose public key the nodes are configured with, as they
 * would be with the identity provider's.
 */
class DeskTokensIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.plain();

	static String token(String subject, String node, String desk) {
		return TestTokens.token(subject, node, desk);
	}

	static DeskClient at(String node, String bearer) {
		return DeskClient.withBearer(TwoNodes.urlOf(TwoNodes.SON_LA.equals(node) ? nodes.sonLa : nodes.houaphan),
				bearer);
	}

	@Test
	void desksOfBothNodesFileReadAndAcceptAlertsWithTheirTokens() throws Exception {
		DeskClient sonLa = at("VN-05", token("an.nguyen", "VN-05", "son-la-hotline"));
		DeskClient houaphan = at("LA-HO", token("khamphone", "LA-HO", "houaphan-hotline"));

		String alertId = ExchangeIntegrationTests.filed(sonLa,
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(PATIENCE).until(() -> houaphan.get("/api/v1/inbox/" + alertId).status() == 200);
		assertThat(houaphan
			.post("/api/v1/inbox/" + alertId + "/acks", "{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\"}")
			.status()).isEqualTo(201);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(ExchangeIntegrationTests.addressee(sonLa, alertId, "LA-HO"))
				.containsEntry("status", "ACCEPTED")
				.containsEntry("by", "houaphan-hotline/Capt. Khamphone"));
		Map<String, Object> origin = (Map<String, Object>) ((Map<String, Object>) sonLa.get("/api/v1/alerts/" + alertId)
			.json()
			.get("latest")).get("origin");
		assertThat(origin).containsEntry("deskId", "son-la-hotline");
	}

	/**
	 * A desk's token is meant for its own node's desk API, so another node refuses it as
	 * a bearer token (401); one its provider also meant for the other node's API still
	 * names the desk's node, so the other node refuses it the action (403).
	 */
	@Nested
	class ADeskOfOneNode {

		@Test
		void cannotFileAlertsAtAnotherNode() throws Exception {
			String alert = ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO");
			assertThat(
					at("VN-05", token("khamphone", "LA-HO", "houaphan-hotline")).post("/api/v1/alerts", alert).status())
				.isEqualTo(401);
			assertThat(at("VN-05", meantAlsoFor("VN-05", "khamphone", "LA-HO", "houaphan-hotline"))
				.post("/api/v1/alerts", alert)
				.status()).isEqualTo(403);
		}

		@Test
		void cannotReadAnotherNodesInbox() throws Exception {
			assertThat(at("LA-HO", token("an.nguyen", "VN-05", "son-la-hotline")).get("/api/v1/inbox").status())
				.isEqualTo(401);
			DeskClient.Answer refused = at("LA-HO", meantAlsoFor("LA-HO", "an.nguyen", "VN-05", "son-la-hotline"))
				.get("/api/v1/inbox");
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.json()).containsEntry("detail", "This desk does not act for node LA-HO");
		}

		@Test
		void cannotAcknowledgeForAnotherNode() throws Exception {
			String alertId = ExchangeIntegrationTests.filed(at("VN-05", token("an.nguyen", "VN-05", "son-la-hotline")),
					ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
			await().atMost(PATIENCE)
				.until(() -> at("LA-HO", token("khamphone", "LA-HO", "houaphan-hotline"))
					.get("/api/v1/inbox/" + alertId)
					.status() == 200);

			assertThat(at("LA-HO", meantAlsoFor("LA-HO", "an.nguyen", "VN-05", "son-la-hotline"))
				.post("/api/v1/inbox/" + alertId + "/acks", "{\"status\": \"ACCEPTED\", \"officer\": \"Lt. An\"}")
				.status()).isEqualTo(403);
		}

		/**
		 * A token of a desk of {@code node}, meant for its desk API and {@code api}'s.
		 */
		private static String meantAlsoFor(String api, String subject, String node, String desk) {
			return TestTokens.signed(TestTokens.ACCESS_TOKEN,
					TestTokens.claims(subject, node, desk, Instant.now().plusSeconds(600))
						.audience(List.of(TestTokens.audienceOf(node), TestTokens.audienceOf(api)))
						.build());
		}

	}

	/**
	 * A node's desks share its sent alerts, but only the desk that filed one revises or
	 * cancels it; any officer of that desk may.
	 */
	@Test
	void onlyTheDeskThatFiledAnAlertRevisesOrCancelsIt() throws Exception {
		String alertId = ExchangeIntegrationTests.filed(at("VN-05", token("an.nguyen", "VN-05", "son-la-hotline")),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		String cancel = """
				{"messageType": "CANCEL", "officer": "Lt. Pham Duc", "revisionNote": "Suspect arrested"}""";

		DeskClient.Answer otherDesk = at("VN-05", token("pham.duc", "VN-05", "son-la-border-post"))
			.post("/api/v1/alerts/" + alertId + "/revisions", cancel);
		DeskClient.Answer sameDesk = at("VN-05", token("binh.tran", "VN-05", "son-la-hotline"))
			.post("/api/v1/alerts/" + alertId + "/revisions", cancel);

		assertThat(otherDesk.status()).isEqualTo(403);
		assertThat(otherDesk.json()).containsEntry("detail",
				"Alert " + alertId + " was filed by desk son-la-hotline: only that desk revises or cancels it");
		assertThat(sameDesk.status()).as(sameDesk.body()).isEqualTo(201);
		assertThat(
				at("VN-05", token("pham.duc", "VN-05", "son-la-border-post")).get("/api/v1/alerts/" + alertId).status())
			.as("it still reads it")
			.isEqualTo(200);
	}

	/**
	 * A supervisor of the node's desks revises another desk's alert as that desk, which
	 * keeps it; the audit trail names the supervisor's login.
	 */
	@Test
	void aSupervisorRevisesAnyDesksAlertOfItsNodeAndTheFilingDeskKeepsIt() throws Exception {
		String alertId = ExchangeIntegrationTests.filed(at("VN-05", token("an.nguyen", "VN-05", "son-la-hotline")),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		String update = """
				{"messageType": "UPDATE", "revisionNote": "Second vehicle",
				 "alert": %s}""".formatted(ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		String supervisor = supervisorToken("le.hoa");

		DeskClient.Answer revised = at("VN-05", supervisor).post("/api/v1/alerts/" + alertId + "/revisions", update);
		assertThat(revised.status()).as(revised.body()).isEqualTo(201);
		await().atMost(ExchangeIntegrationTests.PATIENCE)
			.untilAsserted(() -> assertThat(at("VN-05", token("an.nguyen", "VN-05", "son-la-hotline"))
				.get("/api/v1/alerts/" + alertId + "/audit")
				.jsonList()).filteredOn((event) -> "UPDATED".equals(event.get("action")))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event).containsEntry("user", "le.hoa");
					assertThat(event.get("actor")).asString().startsWith("son-la-hotline/");
				}));
		DeskClient.Answer byTheFilingDesk = at("VN-05", token("an.nguyen", "VN-05", "son-la-hotline"))
			.post("/api/v1/alerts/" + alertId + "/revisions", """
					{"messageType": "CANCEL", "officer": "Lt. Nguyen Van An", "revisionNote": "Arrested"}""");
		assertThat(byTheFilingDesk.status()).as(byTheFilingDesk.body()).isEqualTo(201);
	}

	/**
	 * A supervisor lists who read an alert, and what a login read; a desk officer cannot,
	 * and the listing is itself on record.
	 */
	@Test
	void aSupervisorListsTheReadsOnRecordOfALoginOrOfAnAlert() throws Exception {
		DeskClient officer = at("VN-05", token("thu.vo", "VN-05", "son-la-hotline"));
		String alertId = ExchangeIntegrationTests.filed(officer,
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		assertThat(officer.get("/api/v1/alerts/" + alertId).status()).isEqualTo(200);
		DeskClient supervisor = at("VN-05", supervisorToken("le.hoa"));

		assertThat(supervisor.get("/api/v1/reads?user=thu.vo").jsonList())
			.anySatisfy((read) -> assertThat(read).containsEntry("read", "SENT_ALERT")
				.containsEntry("alertIds", List.of(alertId))
				.containsEntry("desk", "son-la-hotline")
				.containsEntry("instance", "1"));
		assertThat(supervisor.get("/api/v1/reads?alertId=" + alertId).jsonList()).extracting((read) -> read.get("user"))
			.contains("thu.vo");
		assertThat(supervisor.get("/api/v1/reads?user=le.hoa").jsonList())
			.as("the supervisor's own listing, on record too")
			.anySatisfy((read) -> assertThat(read).containsEntry("read", "READS_LISTED")
				.extracting((listed) -> listed.get("query"))
				.asString()
				.startsWith("user=thu.vo from="));

		assertThat(officer.get("/api/v1/reads?user=thu.vo").status()).isEqualTo(403);
		DeskClient.Answer tooLong = supervisor
			.get("/api/v1/reads?user=thu.vo&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z");
		assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
		assertThat(supervisor.get("/api/v1/reads").status()).as("whose reads").isEqualTo(400);
		assertThat(supervisor.get("/api/v1/reads?user=thu.vo&from=2026-01-01T00:00:00Z&to=2026-01-01T10:00:00Z")
			.jsonList()).as("another day").isEmpty();
	}

	/** A token of a supervisor of Son La's desks. */
	static String supervisorToken(String subject) {
		return TestTokens.signed(TestTokens.ACCESS_TOKEN,
				TestTokens.claims(subject, "VN-05", "son-la-command", Instant.now().plusSeconds(600))
					.claim("mekong_roles", List.of("supervisor"))
					.build());
	}

	/**
	 * Health answers anyone (orchestrators, Prometheus), its components and their details
	 * (disk paths, Kafka's cluster, the registry) only the node's own tokens.
	 */
	@Test
	void healthShowsItsDetailsOnlyToTheNodesOwnTokens() {
		String management = nodes.sonLaManagement().baseUrl();
		DeskClient.Answer anonymous = DeskClient.anonymous(management).get("/actuator/health");
		DeskClient.Answer ownDesk = DeskClient.withBearer(management, TestTokens.deskToken("desk.vn05"))
			.get("/actuator/health");
		DeskClient.Answer otherNode = DeskClient.withBearer(management, TestTokens.deskToken("desk.laho"))
			.get("/actuator/health");

		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.json()).containsEntry("status", "UP").doesNotContainKey("components");
		assertThat(ownDesk.json()).containsKey("components");
		assertThat(ownDesk.body()).contains("diskSpace", "kafka", "schemaRegistry");
		assertThat(otherNode.status()).as("a token meant for another node's desk API").isEqualTo(401);
		assertThat(DeskClient.anonymous(management).get("/actuator/health/readiness").json())
			.containsEntry("status", "UP")
			.doesNotContainKey("components");
	}

	@Nested
	class TheNodeRefuses {

		@Test
		void aRequestWithoutToken() {
			DeskClient.Answer refused = DeskClient.anonymous(TwoNodes.urlOf(nodes.sonLa)).get("/api/v1/alerts");
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}

		@Test
		void anExpiredToken() throws Exception {
			assertThat(at("VN-05",
					TestTokens.token("an.nguyen", "VN-05", "son-la-hotline", Instant.now().minusSeconds(3600)))
				.get("/api/v1/alerts")
				.status()).isEqualTo(401);
		}

		/**
		 * An ID token of a console login names the desk's node too, and travels in logout
		 * URLs: it is not a bearer token.
		 */
		@Test
		void anIdToken() throws Exception {
			String idToken = TestTokens.signed(JOSEObjectType.JWT,
					TestTokens.claims("an.nguyen", "VN-05", "son-la-hotline", Instant.now().plusSeconds(600))
						.audience("console-VN-05")
						.claim("azp", "console-VN-05")
						.claim("nonce", "n-0S6_WzA2Mj")
						.claim("auth_time", Instant.now().getEpochSecond())
						.build());
			String sameWithTheApisAudience = TestTokens.signed(JOSEObjectType.JWT,
					TestTokens.claims("an.nguyen", "VN-05", "son-la-hotline", Instant.now().plusSeconds(600)).build());

			assertThat(at("VN-05", idToken).get("/api/v1/alerts").status()).isEqualTo(401);
			assertThat(at("VN-05", sameWithTheApisAudience).get("/api/v1/alerts").status()).isEqualTo(401);
		}

		@Test
		void aTokenForAnotherNodesDeskApi() throws Exception {
			String forHouaphan = TestTokens.signed(TestTokens.ACCESS_TOKEN,
					TestTokens.claims("an.nguyen", "VN-05", "son-la-hotline", Instant.now().plusSeconds(600))
						.audience(TestTokens.audienceOf("LA-HO"))
						.build());

			assertThat(at("VN-05", forHouaphan).get("/api/v1/alerts").status()).isEqualTo(401);
		}

		@Test
		void aTokenOfAClientItDoesNotTakeTokensOf() throws Exception {
			String ofAnotherClient = TestTokens.signed(TestTokens.ACCESS_TOKEN,
					TestTokens.claims("an.nguyen", "VN-05", "son-la-hotline", Instant.now().plusSeconds(600))
						.claim("client_id", "records-archive")
						.build());

			assertThat(at("VN-05", ofAnotherClient).get("/api/v1/alerts").status()).isEqualTo(401);
		}

		@Test
		void aTokenSignedByAnotherKey() throws Exception {
			assertThat(at("VN-05", TestTokens.token(TestTokens.rsaKeyPair(), "an.nguyen", "VN-05", "son-la-hotline",
					Instant.now().plusSeconds(600)))
				.get("/api/v1/alerts")
				.status()).isEqualTo(401);
		}

		@Test
		void aTokenThatNamesNoNode() throws Exception {
			assertThat(at("VN-05", token("visitor", null, null)).get("/api/v1/alerts").status()).isEqualTo(403);
		}

		@Test
		void aCallClaimingToBePassedOnByAnotherInstanceWithoutTheNodesCode() {
			String claimed = "ZGVzay52bjA1.c29uLWxhLWhvdGxpbmU." + Instant.now().getEpochSecond() + ".AAAA";
			DeskClient.Answer refused = DeskClient.anonymous(TwoNodes.urlOf(nodes.sonLa))
				.post("/api/v1/alerts", ExchangeIntegrationTests.suspectAlert("WEAPONS", "LA-HO"),
						"Mekong-Forwarded-Desk", claimed);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}

		@Test
		void aDeskAccountsPasswordWithHttpBasic() throws Exception {
			HttpResponse<String> refused = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(TwoNodes.urlOf(nodes.sonLa) + "/api/v1/alerts"))
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("desk.vn05:demo-vn05".getBytes(StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		}

	}

}
