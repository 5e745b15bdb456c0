package mekong.exchange.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import mekong.exchange.boot.forwarding.InstanceForwarding;
import mekong.exchange.testing.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static mekong.exchange.testing.Chromium.logIn;
import static mekong.exchange.testing.Chromium.script;
import static mekong.exchange.testing.Chromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two desk officers in two real browsers (headless Chromium from the system's packages):
 * Son La files the NH6A suspects alert through the console, Houaphan's open inbox shows
 * it without a reload, its page names Houaphan's own report on the same man, Houaphan
 * accepts it with the keyboard alone (and is told, in words, that its desk has reached
 * the limit of answers, set to one here), Son La sees ACCEPTED. Both log in through a
 * real OpenID Connect provider's login page, as in production. Screenshots of each page
 * go to {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskConsoleBrowserTests {

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	static final int PHONE_WIDTH = 390;

	@TempDir
	static Path data;

	static TwoNodes nodes;

	static WebDriver sonLa;

	static WebDriver houaphan;

	@BeforeAll
	static void startTwoNodesAndTwoBrowsers() {
		Assumptions.assumeTrue(Chromium.installed(), Chromium::missing);
		// Each inbox page a browser leaves keeps its event stream counted at the node
		// until the node next writes to it (an event, or the heartbeat every 15 s):
		// Houaphan's desk opens more inbox pages here within seconds than the 5 streams a
		// desk may hold, and the live inbox needs its stream.
		nodes = TwoNodes
			.withIdentityProvider("--mekong.limits.answers-per-alert-and-desk=1",
					"--mekong.limits.event-streams-per-desk=20")
			.start(data);
		sonLa = Chromium.open();
		houaphan = Chromium.open();
	}

	/**
	 * Closes what started; nothing did when the test was skipped for want of a browser.
	 */
	@AfterAll
	static void stopAll() {
		Chromium.quit(sonLa, houaphan);
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void aSuspectAlertFiledAtSonLaAppearsLiveAtHouaphanIsAcceptedByKeyboardAndShowsAcceptedAtSonLa() {
		String houaphansOwn = ExchangeIntegrationTests.filed(nodes.houaphanDesk(),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "VN-05")
					.replace("\"fullName\": \"Vang De Mua\"", "\"fullName\": \"ວັງ ເດ ມົວ\""));
		logIn(houaphan, TwoNodes.urlOf(nodes.houaphan), "desk.laho", "demo-laho");
		assertThat(houaphan.findElement(By.tagName("h1")).getText()).isEqualTo("Inbox");

		logIn(sonLa, TwoNodes.urlOf(nodes.sonLa), "desk.vn05", "demo-vn05");
		sonLa.get(TwoNodes.urlOf(nodes.sonLa) + "/console/compose");
		waitFor(sonLa, ExpectedConditions.elementToBeClickable(By.id("addressee-LA-HO")));
		fillSuspectAlertWithoutSummary();
		sonLa.findElement(By.id("compose-submit")).click();
		WebElement summaryError = waitFor(sonLa,
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#summary + .field-error")));
		assertThat(summaryError.getText()).isNotBlank();
		assertThat(sonLa.findElement(By.id("summary")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(sonLa.findElement(By.id("form-errors")).isDisplayed()).isTrue();
		script(sonLa, "document.getElementById('summary').scrollIntoView({block: 'center'})");
		screenshot(sonLa, "compose-field-error");

		sonLa.findElement(By.id("summary"))
			.sendKeys("Married couple from Huoi Nha village, Vieng Xay, expected to move synthetic pills on "
					+ "National Highway 6A between Sam Neua and Vieng Xay. Both may resist arrest.");
		sonLa.findElement(By.id("compose-submit")).click();
		waitFor(sonLa, ExpectedConditions.urlMatches("/console/sent/[0-9a-f-]{36}$"));
		String alertId = sonLa.getCurrentUrl().replaceAll(".*/", "");
		waitFor(sonLa, ExpectedConditions.textToBePresentInElementLocated(By.id("sent-alert"), "LA-HO"));

		WebElement arrived = waitFor(houaphan, ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#inbox-list li[data-alert-id='" + alertId + "']")));
		assertThat(arrived.getAttribute("class")).contains("priority-flash").contains("fresh");
		assertThat(arrived.getText()).contains("Huoi Nha").contains("VN-05");
		screenshot(houaphan, "inbox");

		arrived.findElement(By.tagName("a")).sendKeys(Keys.ENTER);
		waitFor(houaphan, ExpectedConditions.textToBePresentInElementLocated(By.id("entry"), "Vang De Mua"));
		WebElement ownReport = waitFor(houaphan, ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#own-alerts a[href='/console/sent/" + houaphansOwn + "']")));
		assertThat(ownReport.findElement(By.xpath("..")).getText())
			.as("Houaphan's own report on the man, named in Lao script")
			.startsWith("Vang De Mua: possibly the person named in your alert sent")
			.contains("Married couple from Huoi Nha village");
		screenshot(houaphan, "inbox-entry");
		script(houaphan, "document.getElementById('links').scrollIntoView({block: 'start'})");
		screenshot(houaphan, "inbox-entry-same-person");
		tabUntilFocused(houaphan, "answer-officer").sendKeys("Capt. Khamphone Sisavath");
		tabUntilFocused(houaphan, "answer-note").sendKeys("Checkpoint at Vieng Xay informed.");
		tabUntilFocused(houaphan, "button[value='ACCEPTED']").sendKeys(Keys.ENTER);
		waitFor(houaphan, ExpectedConditions.textToBePresentInElementLocated(By.id("entry"), "Accepted"));
		tabUntilFocused(houaphan, "button[value='ACTIONED']").sendKeys(Keys.ENTER);
		waitFor(houaphan, ExpectedConditions.textToBePresentInElementLocated(By.id("answer-result"),
				"the most answers to one alert"));
		screenshot(houaphan, "inbox-entry-answer-limit");

		houaphan.get(TwoNodes.urlOf(nodes.houaphan) + "/console/inbox");
		WebElement name = waitFor(houaphan, ExpectedConditions.visibilityOfElementLocated(By.id("filter-name")));
		name.sendKeys("Nguyen Thi Hoa", Keys.ENTER);
		waitFor(houaphan, ExpectedConditions.visibilityOfElementLocated(By.id("inbox-empty")));
		name.clear();
		name.sendKeys("Mùa Vàng Dề", Keys.ENTER);
		waitFor(houaphan, ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#inbox-list li[data-alert-id='" + alertId + "']")));

		waitFor(sonLa, ExpectedConditions.textToBePresentInElementLocated(By.id("sent-alert"), "Accepted"));
		screenshot(sonLa, "sent-alert");
		sonLa.get(TwoNodes.urlOf(nodes.sonLa) + "/console/sent");
		waitFor(sonLa, ExpectedConditions.textToBePresentInElementLocated(By.id("sent-list"), "Accepted"));
		screenshot(sonLa, "sent");
	}

	@Test
	void theConsoleSpeaksLaoInALaoFontAndFitsAPhoneWithEveryInputLabelled() {
		inboxIn("lo", "ກ່ອງຂໍ້ຄວາມເຂົ້າ", "ສົ່ງແລ້ວ", "Phetsarath OT");
		assertThat(script(houaphan, LAO_FONT_INSTALLED)).as("the Lao font Phetsarath OT is installed")
			.isEqualTo(Boolean.TRUE);
		screenshot(houaphan, "inbox-lao");

		Dimension desktop = houaphan.manage().window().getSize();
		houaphan.manage().window().setSize(new Dimension(PHONE_WIDTH, 844));
		for (String page : List.of("inbox", "compose", "sent")) {
			houaphan.get(TwoNodes.urlOf(nodes.houaphan) + "/console/" + page);
			waitFor(houaphan, (driver) -> script(driver, "return document.readyState").equals("complete"));
			assertThat(script(houaphan, "return window.innerWidth")).isEqualTo((long) PHONE_WIDTH);
			assertThat(script(houaphan, "return document.documentElement.scrollWidth"))
				.as("no sideways scrolling on %s at %d px", page, PHONE_WIDTH)
				.isEqualTo(script(houaphan, "return document.documentElement.clientWidth"));
			assertThat(script(houaphan, UNLABELLED_INPUTS)).as("inputs without a label on %s", page)
				.isEqualTo(List.of());
			screenshot(houaphan, page + "-phone-lao");
		}
		houaphan.get(TwoNodes.urlOf(nodes.houaphan) + "/console/inbox?lang=en");
		houaphan.manage().window().setSize(desktop);
	}

	/**
	 * The pages in Khmer, for the Cambodian provinces' desks, in a Khmer font; times in
	 * the node's own time zone (Houaphan's, Laos'), which their labels name.
	 */
	@Test
	void theConsoleSpeaksKhmerInAKhmerFontWithTimesInTheNodesTimeZone() {
		inboxIn("km", "ប្រអប់សារ", "បានផ្ញើ", "Khmer OS");
		assertThat(platformFontsOf(houaphan, "h1")).as("the fonts the Khmer heading is drawn with")
			.containsExactly("Khmer OS");
		screenshot(houaphan, "inbox-khmer");

		houaphan.get(TwoNodes.urlOf(nodes.houaphan) + "/console/compose");
		waitFor(houaphan, ExpectedConditions.elementToBeClickable(By.id("addressee-VN-05")));
		assertThat(houaphan.findElement(By.tagName("h1")).getText()).isEqualTo("ការជូនដំណឹងថ្មី");
		Object timeZone = script(houaphan,
				"return JSON.parse(document.getElementById('mekong-settings').text).timeZone");
		assertThat(timeZone).as("the time zone of Houaphan's country").isEqualTo("Asia/Vientiane");
		assertThat(houaphan.findElement(By.cssSelector("label[for='expiresAt'] .zone")).getText()).contains("+7");
		script(houaphan, "document.getElementById('expiresAt').scrollIntoView({block: 'center'})");
		screenshot(houaphan, "compose-khmer");
		houaphan.get(TwoNodes.urlOf(nodes.houaphan) + "/console/inbox?lang=en");
	}

	/**
	 * Houaphan's officer logs in and picks {@code language}: the inbox's heading, the
	 * link to the sent alerts and the font of the page are that language's.
	 */
	private static void inboxIn(String language, String heading, String sent, String font) {
		logIn(houaphan, TwoNodes.urlOf(nodes.houaphan), "desk.laho", "demo-laho");
		houaphan.findElement(By.cssSelector(".languages a[lang='" + language + "']")).click();
		waitFor(houaphan, ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language));
		assertThat(houaphan.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
		assertThat(houaphan.findElement(By.cssSelector("nav.pages")).getText()).contains(sent);
		assertThat(script(houaphan, "return getComputedStyle(document.body).fontFamily")).asString().contains(font);
	}

	/** Whether text set in the Lao font measures differently from the fallback alone. */
	static final String LAO_FONT_INSTALLED = """
			const canvas = document.createElement('canvas').getContext('2d');
			const width = (font) => { canvas.font = font; return canvas.measureText('ກ່ອງຂໍ້ຄວາມເຂົ້າ').width; };
			return width('32px "Phetsarath OT", monospace') !== width('32px monospace')
			  || width('32px "Phetsarath OT", serif') !== width('32px serif');
			""";

	static final String UNLABELLED_INPUTS = """
			return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
			  .filter((input) => input.labels.length === 0 && !input.getAttribute('aria-label'))
			  .map((input) => input.outerHTML);
			""";

	private static void fillSuspectAlertWithoutSummary() {
		sonLa.findElement(By.id("officer")).sendKeys("Lt. Col. Lo Van Hung");
		new Select(sonLa.findElement(By.id("priority"))).selectByValue("FLASH");
		new Select(sonLa.findElement(By.id("category"))).selectByValue("DRUG_TRAFFICKING");
		new Select(sonLa.findElement(By.id("tlp"))).selectByValue("AMBER");
		new Select(sonLa.findElement(By.id("sourceReliability"))).selectByValue("B");
		new Select(sonLa.findElement(By.id("infoCredibility"))).selectByValue("2");
		new Select(sonLa.findElement(By.id("alertLanguage"))).selectByValue("en");
		WebElement houaphanBox = sonLa.findElement(By.id("addressee-LA-HO"));
		if (!houaphanBox.isSelected()) {
			houaphanBox.click();
		}
		WebElement person = sonLa.findElement(By.cssSelector("[data-list='payload.persons'] .row"));
		person.findElement(By.cssSelector("[data-name='fullName']")).sendKeys("Vang De Mua");
		person.findElement(By.cssSelector("[data-name='aliases']")).sendKeys("Mua, Ba Mua");
		new Select(person.findElement(By.cssSelector("[data-name='sex']"))).selectByValue("MALE");
		person.findElement(By.cssSelector("[data-name='birthYear']")).sendKeys("1970");
		person.findElement(By.cssSelector("[data-name='nationality']")).sendKeys("LA");
		person.findElement(By.cssSelector("[data-name='armedAndDangerous']")).click();
		sonLa.findElement(By.cssSelector("button.add-row[data-list='payload.persons']")).click();
		WebElement spouse = sonLa.findElements(By.cssSelector("[data-list='payload.persons'] .row")).get(1);
		spouse.findElement(By.cssSelector("[data-name='fullName']")).sendKeys("Kia Vang");
		spouse.findElement(By.cssSelector("[data-name='birthYear']")).sendKeys("1975");
		sonLa.findElement(By.id("lastSeen-place"))
			.sendKeys("National Highway 6A, border of Sam Neua and Vieng Xay districts");
		sonLa.findElement(By.id("lastSeen-adminArea")).sendKeys("LA-HO");
	}

	/**
	 * A supervisor sees the page of reads on record, where a desk officer's reading of an
	 * alert shows, with the login and the alert.
	 */
	@Test
	void aSupervisorSeesWhoReadAnAlertOnTheReadsPage() {
		String alertId = ExchangeIntegrationTests.filed(nodes.sonLaDesk(),
				ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		assertThat(nodes.sonLaDesk().get("/api/v1/alerts/" + alertId).status()).isEqualTo(200);
		sonLa.manage().deleteAllCookies();
		logIn(sonLa, TwoNodes.urlOf(nodes.sonLa), "chief.vn05", "demo-chief-vn05");

		sonLa.findElement(By.linkText("Reads on record")).click();
		waitFor(sonLa, ExpectedConditions.urlToBe(TwoNodes.urlOf(nodes.sonLa) + "/console/reads"));
		sonLa.findElement(By.name("alertId")).sendKeys(alertId, Keys.ENTER);
		WebElement reads = waitFor(sonLa, ExpectedConditions.visibilityOfElementLocated(By.id("reads-table")));
		assertThat(reads.getText()).contains("desk.vn05", "son-la-hotline", "sent alert", alertId);
		screenshot(sonLa, "reads");
		sonLa.manage().deleteAllCookies();
	}

	/**
	 * With a second instance of Houaphan's node, the officer's console at the first still
	 * lists the whole inbox and opens an entry the second holds: the first passes the
	 * calls on with the access token of the officer's console login, which the second
	 * checks as it checks any desk's. Runs last: the second instance stops at its end.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	@SuppressWarnings("unchecked")
	void aConsoleLoginReadsWhatAnotherInstanceOfItsNodeHolds() {
		Set<String> filed = new HashSet<>();
		for (int i = 0; i < 24; i++) {
			filed.add(ExchangeIntegrationTests.filed(nodes.sonLaDesk(),
					ExchangeIntegrationTests.suspectAlert("DRUG_TRAFFICKING", "LA-HO")));
		}
		houaphan.manage().deleteAllCookies();
		logIn(houaphan, TwoNodes.urlOf(nodes.houaphan), "desk.laho", "demo-laho");
		try (ConfigurableApplicationContext second = nodes.startAnotherHouaphan("2")) {
			DeskClient atSecond = DeskClient.withBearer(TwoNodes.urlOf(second), nodes.deskToken("desk.laho"));
			List<String> heldBySecond = await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> idsOf(atSecond.get("/api/v1/inbox?state=ALL&limit=1000", InstanceForwarding.SCOPE_HEADER,
						InstanceForwarding.THIS_INSTANCE)), (ids) -> ids.stream().anyMatch(filed::contains));
			String entryThere = heldBySecond.stream().filter(filed::contains).findFirst().orElseThrow();

			List<String> listed = (List<String>) ((JavascriptExecutor) houaphan).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch('/api/v1/inbox?state=ALL&limit=1000', { headers: { 'X-Mekong-Console': '1' } })
					  .then((answer) => answer.json())
					  .then((entries) => done(entries.map((entry) => entry.alertId)))
					  .catch((failure) => done([String(failure)]));""");
			assertThat(listed).as("the whole inbox, gathered with the console login's token").containsAll(filed);
			Object opened = ((JavascriptExecutor) houaphan).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch('/api/v1/inbox/' + arguments[0], { headers: { 'X-Mekong-Console': '1' } })
					  .then((answer) => answer.json().then((entry) => done(answer.status + ' ' + entry.alertId)))
					  .catch((failure) => done(String(failure)));""", entryThere);
			assertThat(opened).as("an entry the second instance holds").isEqualTo("200 " + entryThere);
		}
	}

	private static List<String> idsOf(DeskClient.Answer answer) {
		return (answer.status() == 200)
				? answer.jsonList().stream().map((entry) -> entry.get("alertId").toString()).toList() : List.of();
	}

	/** Presses Tab until the element {@code selector} (an id or CSS) has the focus. */
	private static WebElement tabUntilFocused(WebDriver browser, String selector) {
		By target = selector.matches("[\\w-]+") ? By.id(selector) : By.cssSelector(selector);
		WebElement wanted = browser.findElement(target);
		for (int presses = 0; presses < 80; presses++) {
			WebElement focused = browser.switchTo().activeElement();
			if (focused.equals(wanted)) {
				return focused;
			}
			focused.sendKeys(Keys.TAB);
		}
		throw new AssertionError(selector + " cannot be reached with the Tab key");
	}

	/**
	 * The fonts of the system Chromium drew the text of the page's first {@code selector}
	 * with, as its DevTools report them. (Measuring text, as for Lao, cannot tell Khmer
	 * OS from the fallback: the system falls back to Khmer OS itself for Khmer script.)
	 */
	@SuppressWarnings("unchecked")
	private static List<String> platformFontsOf(WebDriver browser, String selector) {
		ChromeDriver chromium = (ChromeDriver) browser;
		chromium.executeCdpCommand("DOM.enable", Map.of());
		chromium.executeCdpCommand("CSS.enable", Map.of());
		Map<String, Object> root = (Map<String, Object>) chromium.executeCdpCommand("DOM.getDocument", Map.of())
			.get("root");
		Object node = chromium
			.executeCdpCommand("DOM.querySelector", Map.of("nodeId", root.get("nodeId"), "selector", selector))
			.get("nodeId");
		List<Map<String, Object>> fonts = (List<Map<String, Object>>) chromium
			.executeCdpCommand("CSS.getPlatformFontsForNode", Map.of("nodeId", node))
			.get("fonts");
		chromium.executeCdpCommand("CSS.disable", Map.of());
		chromium.executeCdpCommand("DOM.disable", Map.of());
		return fonts.stream().map((font) -> font.get("familyName").toString()).toList();
	}

	private static void screenshot(WebDriver browser, String name) {
		Chromium.screenshot(browser, SCREENSHOTS, name);
	}

}
