package mekong.exchange.stack;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.ops.registry.RegistryOwners;
import mekong.exchange.testing.Chromium;
import mekong.exchange.testing.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static mekong.exchange.testing.Chromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The launcher of README command 1, on free ports instead of the fixed ones. */
class LocalStackTests {

	static final Logger log = LoggerFactory.getLogger(LocalStackTests.class);

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Duration PATIENCE = Duration.ofSeconds(30);

	final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path data;

	/** The stack the desks call. */
	LocalStack running;

	@Test
	void startsSeedsTheCaseOnceCarriesARoundTripAndKeepsItsDataAcrossARestart() throws Exception {
		StackPorts ports = StackPorts.from(FreePorts::next);
		String alertId;
		try (LocalStack stack = LocalStack.start(this.data, ports)) {
			this.running = stack;
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(inbox(stack)).extracting((entry) -> entry.get("origin"))
					.containsExactlyInAnyOrder("VN-05", "VN-05", "VN-05", "VN-21"));
			assertThat(inbox(stack)).filteredOn((entry) -> "VN-21".equals(entry.get("origin")))
				.singleElement()
				.satisfies((thanhHoa) -> assertThat((List<Map<String, Object>>) thanhHoa.get("possiblySamePersons"))
					.as("Thanh Hoa's Mua Vang De is Son La's Vang De Mua")
					.anySatisfy((link) -> assertThat(link).containsEntry("person", "Mua Vàng Dề")
						.containsEntry("samePersonAs", "Vang De Mua")
						.containsEntry("reportedBy", "VN-05")));

			Map<String, Object> filed = JSON
				.readValue(send(stack.deskUrl("VN-05") + "/api/v1/alerts", "desk.vn05:demo-vn05", """
						{"officer": "Sgt. Tran", "priority": "IMMEDIATE", "category": "WANTED_FUGITIVE",
						 "handling": {"tlp": "GREEN", "sourceReliability": "B", "infoCredibility": 2},
						 "addressees": ["LA-HO"], "language": "en", "summary": "Fugitive crossing at Na Meo",
						 "payload": {"type": "SuspectAlert", "persons": [{"fullName": "Giang A Pao"}]}}
						""", 201), Map.class);
			alertId = filed.get("alertId").toString();
			await().atMost(PATIENCE)
				.until(() -> inbox(stack).stream().anyMatch((entry) -> alertId.equals(entry.get("alertId"))));
			send(stack.deskUrl("LA-HO") + "/api/v1/inbox/" + alertId + "/acks", "desk.laho:demo-laho",
					"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Somsak\"}", 201);
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(
						get(stack.deskUrl("VN-05") + "/api/v1/alerts/" + alertId, "desk.vn05:demo-vn05"))
					.contains("\"status\":\"ACCEPTED\""));

			assertThat(auditEventsReadAsOperator(ports.kafka())).as("audit events the operator reads")
				.isGreaterThanOrEqualTo(5);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> writeWithoutLogin(ports.kafka(), "exchange.LA-HO.inbox"))
				.withCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
			assertThat(registerWithoutLogin(stack.registryUrl()).statusCode())
				.as("the registry takes schemas from the nodes only")
				.isEqualTo(401);
			assertThatEachNodeWritesOnlyItsOwnSubjects(stack.registryUrl());

			if (PrometheusScrape.available()) {
				try (PrometheusScrape prometheus = PrometheusScrape.of(ports, this.data)) {
					await().atMost(Duration.ofSeconds(60))
						.untilAsserted(() -> assertThat(prometheus.query("exchange_alerts_routed_total > 0"))
							.contains("\"status\":\"success\"", "\"partner\":\"LA-HO\"", "\"node\":\"VN-05\""));
				}
			}
			else {
				log.warn(
						"Prometheus is not installed: the scrape of the local stack by a real Prometheus is not checked");
			}

			consoleLogInThroughTheIdentityProvider(stack, ports);
			seededCasesInTheConsoles(stack);

			assertThat(ReadmeExamples.available()).as("bash and curl run the README's walk-through: install them")
				.isTrue();
			ReadmeExamples.Run readme = ReadmeExamples.runAgainst(ports, this.data);
			assertThat(readme.exitCode()).as(readme.output()).isZero();
			assertThat(readme.output()).contains("\"status\":\"ACCEPTED\"", "\"origin\":\"VN-05\"",
					"\"action\":\"FILED\"", "\"origin\":\"VN-21\"", "\"samePersonAs\":\"Mua Vàng Dề\"",
					"\"origin\":\"VN-37\"", "\"fullName\":\"ចាន់ ដារា\"", "\"fullName\":\"Samnang Sokh\"");
		}

		String suspects = seeded("nh6a-2022-07-22", "suspect-alert");
		try (LocalStack restarted = LocalStack.start(this.data, ports)) {
			this.running = restarted;
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(inbox(restarted, "CANCELLED")).extracting((entry) -> entry.get("alertId"))
							.containsExactly(suspects));
			assertThat(inbox(restarted, "ALL")).hasSize(6);
			assertThat(inbox(restarted, "ACTIVE")).hasSize(5)
				.filteredOn((entry) -> alertId.equals(entry.get("alertId")))
				.singleElement()
				.satisfies((entry) -> assertThat(entry).containsEntry("deskStatus", "ACCEPTED"));
			Map<String, Object> corrected = JSON.readValue(
					get(restarted.deskUrl("LA-HO") + "/api/v1/inbox/" + suspects, "desk.laho:demo-laho"), Map.class);
			assertThat(corrected).containsEntry("revision", 3).containsEntry("cancelled", true);
			assertThat(((List<Map<String, Object>>) corrected.get("revisions")))
				.extracting((revision) -> revision.get("messageType"))
				.containsExactly("ALERT", "UPDATE", "CANCEL");
			assertThat(JSON.writeValueAsString(corrected.get("alert"))).contains("\"fullName\":\"Kia Vang\"",
					"\"ageAtReport\":48");
		}
	}

	/**
	 * A desk officer of Houaphan opens the console as a browser does: the console sends
	 * them to the identity provider (authorization code with PKCE), they log in on its
	 * page, and are back in the console, whose script then calls the desk API with the
	 * session; logging out ends the session at the console and at the provider.
	 */
	void consoleLogInThroughTheIdentityProvider(LocalStack stack, StackPorts ports) throws Exception {
		ConsoleBrowser browser = ConsoleBrowser.open(null);
		String console = stack.deskUrl("LA-HO");
		String identity = "http://localhost:" + ports.identity();
		HttpResponse<String> anonymous = browser.page(console + "/console/inbox");
		assertThat(anonymous.headers().firstValue("Location")).hasValue(console + "/console/login");
		assertThat(browser.page(console + "/console/login").body())
			.contains("href=\"/console/oauth2/authorization/mekong\"");

		assertThat(browser.logIn(console, identity, "desk.laho", "demo-laho")).contains("code_challenge_method=S256",
				"client_id=console-LA-HO");

		HttpResponse<String> inbox = browser.page(console + "/console/inbox");
		assertThat(inbox.statusCode()).isEqualTo(200);
		assertThat(inbox.body()).contains("\"node\": \"LA-HO\"");
		assertThat(browser.call(console + "/api/v1/inbox?limit=1").statusCode()).isEqualTo(200);

		Matcher sessionToken = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(inbox.body());
		assertThat(sessionToken.find()).as("the console page's CSRF token").isTrue();
		HttpResponse<String> loggedOut = browser.post(console + "/console/logout",
				"_csrf=" + URLEncoder.encode(sessionToken.group(1), StandardCharsets.UTF_8));
		String providerLogout = loggedOut.headers().firstValue("Location").orElseThrow();
		assertThat(providerLogout).startsWith(identity + "/connect/logout?");
		HttpResponse<String> backFromLogout = browser.page(providerLogout);
		assertThat(backFromLogout.headers().firstValue("Location")).hasValue(console + "/console/login?logout");
		assertThat(browser.page(console + "/console/inbox").headers().firstValue("Location"))
			.hasValue(console + "/console/login");
		assertThat(browser
			.page(browser.page(console + "/console/oauth2/authorization/mekong")
				.headers()
				.firstValue("Location")
				.orElseThrow())
			.headers()
			.firstValue("Location")).as("logged out at the provider too: its login page again")
			.hasValue(identity + "/login");
	}

	/**
	 * The seeded cases as desk officers see them in a real browser, out of the box:
	 * Houaphan's entry from Thanh Hoa links Son La's report on the same man; Svay Rieng's
	 * entry from Tay Ninh (the man named in Khmer script) shows Svay Rieng's own report
	 * on him (romanized), and Tay Ninh's entry from Svay Rieng shows Tay Ninh's own
	 * alert.
	 */
	void seededCasesInTheConsoles(LocalStack stack) throws IOException {
		if (!Chromium.installed()) {
			log.warn("{}: the seeded cases are not checked in the consoles", Chromium.missing());
			return;
		}
		WebDriver browser = Chromium.open();
		try {
			String sonLas = seeded("nh6a-2022-07-22", "suspect-alert");
			String thanhHoas = seeded("nh6a-2022-07-22", "thanh-hoa-suspect-alert");
			Chromium.logIn(browser, stack.deskUrl("LA-HO"), "desk.laho", "demo-laho");
			browser.get(stack.deskUrl("LA-HO") + "/console/inbox/" + thanhHoas);
			WebElement sonLasReport = waitFor(browser, ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#links a[href='/console/inbox/" + sonLas + "']")));
			assertThat(sonLasReport.findElement(By.xpath("..")).getText())
				.startsWith("Mua Vàng Dề: possibly Vang De Mua, reported by VN-05.");

			String tayNinhs = seeded("moc-bai-bavet-2024-03-08", "tay-ninh-suspect-alert");
			String svayRiengs = seeded("moc-bai-bavet-2024-03-08", "svay-rieng-suspect-report");
			assertThat(ownReportShownWith(browser, stack, "KH-20", tayNinhs, svayRiengs))
				.startsWith("សុខ សំណាង: possibly");
			browser.get(stack.deskUrl("KH-20") + "/console/inbox/" + tayNinhs + "?lang=km");
			waitFor(browser, ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#own-alerts a[href='/console/sent/" + svayRiengs + "']")));
			Chromium.script(browser, "document.getElementById('own-alerts').scrollIntoView({block: 'center'})");
			Chromium.screenshot(browser, Path.of("target", "console-screenshots"), "inbox-entry-own-report-khmer");
			assertThat(ownReportShownWith(browser, stack, "VN-37", svayRiengs, tayNinhs))
				.startsWith("Samnang Sokh: possibly");
		}
		finally {
			Chromium.quit(browser);
		}
	}

	/**
	 * Logs the desk of {@code node} in, opens its inbox entry {@code entry} and waits
	 * until the page names the node's own alert {@code own}.
	 * @return the line that names it
	 */
	String ownReportShownWith(WebDriver browser, LocalStack stack, String node, String entry, String own) {
		browser.manage().deleteAllCookies();
		Chromium.logIn(browser, stack.deskUrl(node), LocalStack.deskLoginOf(node), LocalStack.deskPasswordOf(node));
		browser.get(stack.deskUrl(node) + "/console/inbox/" + entry);
		return waitFor(browser,
				ExpectedConditions
					.visibilityOfElementLocated(By.cssSelector("#own-alerts a[href='/console/sent/" + own + "']")))
			.findElement(By.xpath(".."))
			.getText();
	}

	/** The id of the alert a seeded case filed from {@code example}. */
	String seeded(String seedCase, String example) throws IOException {
		return Files.readAllLines(this.data.resolve("seeded-" + seedCase))
			.stream()
			.filter((line) -> line.startsWith(example + " "))
			.map((line) -> line.split(" ")[1])
			.findFirst()
			.orElseThrow();
	}

	/** A page as a browser asks for it, redirects not followed. */
	@Test
	void runsEachCountryOnItsOwnClusterAcrossBothBorders() throws Exception {
		StackPorts ports = StackPorts.from(FreePorts::next);
		BorderPorts border = BorderPorts.from(FreePorts::next);
		try (LocalStack stack = LocalStack.startAcrossBorder(this.data, ports, border)) {
			this.running = stack;
			assertThat(List.of(stack.brokerOf("VN-05"), stack.brokerOf("LA-HO"), stack.brokerOf("KH-20")))
				.extracting(LocalKafkaBroker::bootstrapServers)
				.containsExactly("localhost:" + ports.kafka(), "localhost:" + border.clusterOf("LA").kafka(),
						"localhost:" + border.clusterOf("KH").kafka());
			assertThat(stack.brokerOf("VN-37")).isSameAs(stack.brokerOf("VN-05"));

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(inbox(stack)).extracting((entry) -> entry.get("origin"))
					.containsExactlyInAnyOrder("VN-05", "VN-05", "VN-05", "VN-21"));
			String alertId = inbox(stack).get(0).get("alertId").toString();
			send(stack.deskUrl("LA-HO") + "/api/v1/inbox/" + alertId + "/acks", "desk.laho:demo-laho",
					"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Somsak\"}", 201);
			String origin = inbox(stack).get(0).get("origin").toString();
			String sender = "VN-05".equals(origin) ? "desk.vn05:demo-vn05" : "desk.vn21:demo-vn21";
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(get(stack.deskUrl(origin) + "/api/v1/alerts/" + alertId, sender))
					.contains("\"status\":\"ACCEPTED\""));

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(inboxOf(stack, "VN-37")).extracting((entry) -> entry.get("origin"))
					.containsExactly("KH-20"));
			Map<String, Object> filed = JSON
				.readValue(send(stack.deskUrl("VN-37") + "/api/v1/alerts", "desk.vn37:demo-vn37",
						"""
								{"officer": "Thiếu tá Trần Quốc Bảo", "priority": "FLASH", "category": "WANTED_FUGITIVE",
								 "handling": {"tlp": "AMBER", "sourceReliability": "B", "infoCredibility": 2},
								 "addressees": ["KH-20"], "language": "vi", "summary": "Đối tượng truy nã qua cửa khẩu Mộc Bài",
								 "payload": {"type": "SuspectAlert", "persons": [{"fullName": "ចាន់ ដារា", "aliases": ["Chan Dara"]}]}}
								""",
						201), Map.class);
			String fugitive = filed.get("alertId").toString();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(inboxOf(stack, "KH-20")).extracting((entry) -> entry.get("alertId"))
					.contains(fugitive));
			send(stack.deskUrl("KH-20") + "/api/v1/inbox/" + fugitive + "/acks", "desk.kh20:demo-kh20",
					"{\"status\": \"ACCEPTED\", \"officer\": \"វរសេនីយ៍ទោ ហេង វិរៈ\"}", 201);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(
						get(stack.deskUrl("VN-37") + "/api/v1/alerts/" + fugitive, "desk.vn37:demo-vn37"))
					.contains("\"status\":\"ACCEPTED\"", "\"user\":\"desk.kh20\""));

			assertThat(topicsOn(stack.brokerOf("KH-20"))).as("topics on the Cambodian cluster")
				.noneMatch((topic) -> topic.contains("LA-"))
				.contains("exchange.KH-20.inbox");
			assertThat(topicsOn(stack.brokerOf("LA-HO"))).as("topics on the Lao cluster")
				.noneMatch((topic) -> topic.contains("KH-") || topic.contains("VN-37"))
				.contains("exchange.LA-HO.inbox");
			assertThat(scramUsersOn(stack.brokerOf("LA-HO"))).as("principals on the Lao cluster")
				.doesNotContain("mirror-KH");
			assertThat(scramUsersOn(stack.brokerOf("KH-20"))).as("principals on the Cambodian cluster")
				.doesNotContain("mirror-LA");
			for (String country : List.of("VN", "LA", "KH")) {
				assertThat(get("http://localhost:" + border.linkMetricsOf(country) + "/metrics", null))
					.as("the metrics of the MirrorMaker of " + country)
					.contains("mirrormaker_record_count{");
			}
		}
	}

	static List<String> topicsOn(LocalKafkaBroker broker) throws Exception {
		try (Admin admin = Admin.create(broker.adminSettings())) {
			return List.copyOf(admin.listTopics().names().get());
		}
	}

	static List<String> scramUsersOn(LocalKafkaBroker broker) throws Exception {
		try (Admin admin = Admin.create(broker.adminSettings())) {
			return admin.describeUserScramCredentials().all().get().keySet().stream().toList();
		}
	}

	/**
	 * Reads Son La's audit topic with the operator settings the stack wrote for Kafka's
	 * tools.
	 */
	int auditEventsReadAsOperator(int kafkaPort) throws IOException {
		Properties settings = new Properties();
		try (Reader in = Files.newBufferedReader(this.data.resolve("kafka-operator.properties"))) {
			settings.load(in);
		}
		assertThat(settings.getProperty("bootstrap.servers")).isEqualTo("localhost:" + kafkaPort);
		assertThat(settings.getProperty("security.protocol")).isEqualTo("SASL_SSL");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor("exchange.VN-05.audit")
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			int read = 0;
			for (int poll = 0; poll < 10; poll++) {
				read += consumer.poll(Duration.ofMillis(300)).count();
			}
			return read;
		}
	}

	/** A client that does not log in: the broker never lets it see a topic. */
	static HttpResponse<String> registerWithoutLogin(String registry) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(registry + "/subjects/exchange.LA-HO.inbox-value/versions"))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"\\\"string\\\"\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Son La's registry login reads Houaphan's contract but cannot add a version to it,
	 * loosen its compatibility or delete it, while it may still write its own subject.
	 */
	void assertThatEachNodeWritesOnlyItsOwnSubjects(String registry) throws Exception {
		Properties secrets = new Properties();
		try (Reader in = Files.newBufferedReader(this.data.resolve("identity/registry-secrets.properties"))) {
			secrets.load(in);
		}
		String sonLa = "Basic " + Base64.getEncoder()
			.encodeToString(("registry-VN-05:" + secrets.getProperty("VN-05")).getBytes(StandardCharsets.UTF_8));
		String houaphans = registry + "/subjects/exchange.LA-HO.inbox-value";
		HttpResponse<String> contract = this.http
			.send(HttpRequest.newBuilder(URI.create(houaphans + "/versions/latest"))
				.header("Authorization", sonLa)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(contract.statusCode()).as(contract.body()).isEqualTo(200);
		String sameSchema = JSON.writeValueAsString(Map.of("schema", JSON.readTree(contract.body()).get("schema")));
		assertThat(registryCall(sonLa, "POST", houaphans + "/versions", sameSchema))
			.as("Son La registers a version under Houaphan's subject")
			.isEqualTo(403);
		assertThat(registryCall(sonLa, "PUT", registry + "/config/exchange.LA-HO.inbox-value",
				"{\"compatibility\": \"NONE\"}"))
			.as("Son La loosens Houaphan's compatibility")
			.isEqualTo(403);
		assertThat(registryCall(sonLa, "DELETE", houaphans, null)).as("Son La deletes Houaphan's subject")
			.isEqualTo(403);
		assertThat(registryCall(sonLa, "PUT", registry + "/config", "{\"compatibility\": \"NONE\"}"))
			.as("Son La changes the registry's default compatibility")
			.isEqualTo(403);
		assertThat(registryCall(sonLa, "POST", registry + "/subjects/exchange.VN-05.inbox-value/versions", sameSchema))
			.as("Son La registers its own contract again")
			.isEqualTo(200);
		String artifacts = registry.replace("/apis/ccompat/v7", "/apis/registry/v2/groups/default/artifacts/");
		for (String node : LocalStack.NODES) {
			for (String subject : RegistryOwners.subjectsOf(NodeId.of(node))) {
				HttpResponse<String> owner = this.http.send(
						HttpRequest.newBuilder(URI.create(artifacts + subject + "/owner")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(owner.body()).as("the owner of " + subject).contains("\"owner\":\"registry-" + node + "\"");
			}
		}
	}

	int registryCall(String authorization, String method, String url, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", authorization)
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	static void writeWithoutLogin(int kafkaPort, String topic) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort,
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, new byte[] { 1 })).get();
		}
	}

	List<Map<String, Object>> inbox(LocalStack stack) throws Exception {
		return inbox(stack, "ACTIVE");
	}

	List<Map<String, Object>> inbox(LocalStack stack, String state) throws Exception {
		return JSON.readValue(get(stack.deskUrl("LA-HO") + "/api/v1/inbox?state=" + state, "desk.laho:demo-laho"),
				List.class);
	}

	List<Map<String, Object>> inboxOf(LocalStack stack, String node) throws Exception {
		return JSON.readValue(get(stack.deskUrl(node) + "/api/v1/inbox",
				LocalStack.deskLoginOf(node) + ":" + LocalStack.deskPasswordOf(node)), List.class);
	}

	String get(String url, String credentials) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(authorized(url, credentials).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	String send(String url, String credentials, String json, int expectedStatus)
			throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(authorized(url, credentials).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	/**
	 * A call with a bearer token of the desk account {@code credentials}
	 * ({@code username:password}) from the running stack's identity provider; without one
	 * if {@code credentials} is null.
	 */
	HttpRequest.Builder authorized(String url, String credentials) {
		String[] account = (credentials != null) ? credentials.split(":", 2) : null;
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		return (credentials == null) ? request
				: request.header("Authorization", "Bearer " + this.running.deskToken(account[0], account[1]));
	}

}
