package mekong.exchange.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the curl walk-through of the README, as written, against a local stack on other
 * ports.
 */
final class ReadmeExamples {

	static final String MARKER = "<!-- The block below is run by LocalStackTests against a started stack. -->";

	private ReadmeExamples() {
	}

	record Run(int exitCode, String output) {
	}

	/**
	 * Runs the walk-through from the root of the checkout, as a reader would, with the
	 * stack's ports and data folder.
	 */
	static Run runAgainst(StackPorts ports, Path data) throws IOException, InterruptedException {
		String script = walkThrough();
		for (String node : LocalStack.NODES) {
			script = script.replace("localhost:" + StackPorts.demo().deskOf(node), "localhost:" + ports.deskOf(node));
		}
		script = script.replace("localhost:8081", "localhost:" + ports.registry())
			.replace("localhost:9000", "localhost:" + ports.identity())
			.replace(".mekong/", data.toAbsolutePath() + "/");
		Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(Path.of("..").toFile())
			.redirectErrorStream(true)
			.start();
		assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("the README's examples finish within a minute").isTrue();
		return new Run(bash.exitValue(), new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private static String walkThrough() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		int marker = readme.indexOf(MARKER);
		assertThat(marker).as("README.md marks the tested walk-through").isNotNegative();
		int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
		return readme.substring(start, readme.indexOf("```", start));
	}

	/** Whether bash and curl are installed, as on CI. */
	static boolean available() {
		return PrometheusScrape.onPath("bash") && PrometheusScrape.onPath("curl");
	}

}
