package mekong.exchange.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A desk officer's real browser: headless Chromium from the system's packages (Debian
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs), driven
 * by Selenium, logging in to a node's console through the identity provider's own login
 * page.
 */
public final class Chromium {

	public static final Path BINARY = Path.of(System.getProperty("mekong.chromium", "/usr/bin/chromium"));

	public static final Path DRIVER = Path.of(System.getProperty("mekong.chromedriver", "/usr/bin/chromedriver"));

	/** How long a page is given to show what a test waits for. */
	public static final Duration PATIENCE = Duration.ofSeconds(30);

	private Chromium() {
	}

	/** Whether the browser and its driver are installed. */
	public static boolean installed() {
		return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
	}

	/** Why a test that needs the browser cannot run without it. */
	public static String missing() {
		return "No browser to drive: " + BINARY + " and " + DRIVER
				+ " are needed (Debian packages chromium and chromium-driver, which .ci/run installs)";
	}

	/** A new browser, in English, 1280 pixels wide. */
	public static WebDriver open() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
				"--lang=en");
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Logs in as a desk officer does: from the console's login page to the identity
	 * provider's, and back in the console's inbox.
	 */
	public static void logIn(WebDriver browser, String node, String username, String password) {
		browser.get(node + "/console/login?lang=en");
		browser.findElement(By.linkText("Log in with the province's identity provider")).click();
		waitFor(browser, ExpectedConditions.or(ExpectedConditions.urlToBe(node + "/console/inbox"),
				ExpectedConditions.visibilityOfElementLocated(By.id("username"))));
		if (!browser.getCurrentUrl().startsWith(node)) {
			// Not logged in at the provider yet (else it sends the officer straight
			// back).
			browser.findElement(By.id("username")).sendKeys(username);
			browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
		}
		waitFor(browser, ExpectedConditions.urlToBe(node + "/console/inbox"));
	}

	public static <T> T waitFor(WebDriver browser, Function<? super WebDriver, T> condition) {
		return new WebDriverWait(browser, PATIENCE).until(condition);
	}

	public static Object script(WebDriver browser, String script, Object... arguments) {
		return ((JavascriptExecutor) browser).executeScript(script, arguments);
	}

	/** Keeps what the browser shows as {@code <name>.png} in {@code folder}. */
	public static void screenshot(WebDriver browser, Path folder, String name) {
		Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		try {
			Files.createDirectories(folder);
			Files.copy(file, folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot keep the screenshot " + name, ex);
		}
	}

	/** Closes each browser that opened, the others whatever one of them does. */
	public static void quit(WebDriver... browsers) {
		for (WebDriver browser : browsers) {
			if (browser != null) {
				try {
					browser.quit();
				}
				catch (RuntimeException ex) {
					// the next one must still be closed
				}
			}
		}
	}

}
