package mekong.exchange.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mekong.exchange.infra.Passwords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code secrets-check} service of {@code docker-compose.yml}, its command run as its
 * image runs it (a POSIX shell) with the environment compose gives it: the copy of
 * {@code .env.example} that an operator forgot to fill in stops the stack, naming each
 * value to set; and everything that holds a password waits for the check.
 */
class ComposeSecretsCheckTests {

	private static final Pattern ENTRY = Pattern.compile("^([A-Z0-9_]+)='(.*)'$", Pattern.MULTILINE);

	@TempDir
	Path data;

	@Test
	void refusesEveryPlaceholderOfEnvExampleNamingIt() throws Exception {
		Map<String, String> example = envExample();

		Check check = run(example);

		assertThat(check.exit()).isEqualTo(1);
		List<String> checked = List
			.of(compose(example).environmentOf("secrets-check", UnaryOperator.identity()).get("SECRETS").split(" "));
		assertThat(checked).hasSizeGreaterThanOrEqualTo(12)
			.contains("KAFKA_VN_ADMIN_PASSWORD", "KAFKA_OPERATOR_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
		assertThat(check.output().lines()).hasSize(checked.size())
			.allSatisfy((line) -> assertThat(line).endsWith("is still the placeholder of .env.example: set it"));
	}

	@Test
	void refusesAShortPasswordAndLetsTheStackStartWhenEveryPasswordIsSet() throws Exception {
		Map<String, String> filled = new TreeMap<>(envExample());
		filled.replaceAll((name, value) -> value.startsWith("REPLACE") ? Passwords.make() : value);
		assertThat(run(filled)).isEqualTo(new Check(0, "Every password and client secret in .env is set\n"));

		filled.put("GRAFANA_ADMIN_PASSWORD", "admin");
		assertThat(run(filled))
			.isEqualTo(new Check(1, "GRAFANA_ADMIN_PASSWORD in .env is shorter than 16 characters\n"));
	}

	@Test
	void everyServiceThatHoldsAPasswordWaitsForTheCheck() throws Exception {
		Map<String, String> filled = new TreeMap<>(envExample());
		filled.replaceAll((name, value) -> value.startsWith("REPLACE") ? Passwords.make() : value);
		ComposeFile compose = compose(filled);
		List<String> secrets = List.of(compose.containerEnvironmentOf("secrets-check").get("SECRETS").split(" "));

		for (String service : compose.services()) {
			boolean holdsAPassword = compose.containerEnvironmentOf(service)
				.values()
				.stream()
				.anyMatch((value) -> secrets.stream().map(filled::get).anyMatch(value::contains));
			if (holdsAPassword && !service.equals("secrets-check")) {
				assertThat(compose.waitsFor(service)).as("%s waits for the check", service).contains("secrets-check");
			}
		}
	}

	private Check run(Map<String, String> dotEnv) throws Exception {
		ComposeFile compose = compose(dotEnv);
		ProcessBuilder command = new ProcessBuilder(compose.commandOf("secrets-check")).redirectErrorStream(true);
		command.environment().putAll(compose.environmentOf("secrets-check", UnaryOperator.identity()));
		Process check = command.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Check(check.exitValue(), output);
	}

	private ComposeFile compose(Map<String, String> dotEnv) throws IOException {
		return ComposeFile.read(Path.of("..", "docker-compose.yml"), dotEnv, Map.of("./tls", this.data),
				this.data.resolve("volumes"));
	}

	private static Map<String, String> envExample() throws IOException {
		Map<String, String> entries = new TreeMap<>();
		Matcher entry = ENTRY.matcher(Files.readString(Path.of("..", ".env.example")));
		while (entry.find()) {
			entries.put(entry.group(1), entry.group(2));
		}
		return entries;
	}

	record Check(int exit, String output) {
	}

}
