package mekong.exchange.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} as compose reads it, and each service's environment as a
 * process outside Docker needs it: anchors merged, {@code ${NAME}} and
 * {@code ${NAME:?message}} taken from the {@code .env} of the test ({@code $$} a dollar
 * sign), each volume's path in the container replaced by a folder ({@code ./tls} by the
 * folder given for it, a named volume by a folder of its own), and the host names and
 * ports of services mapped by the caller.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:\\?[^}]*)?}");

	private final Map<String, Map<String, Object>> services;

	private final Map<String, String> dotEnv;

	private final Map<String, Path> bindMounts;

	private final Path volumes;

	private ComposeFile(Map<String, Map<String, Object>> services, Map<String, String> dotEnv,
			Map<String, Path> bindMounts, Path volumes) {
		this.services = services;
		this.dotEnv = dotEnv;
		this.bindMounts = bindMounts;
		this.volumes = volumes;
	}

	/**
	 * @param dotEnv the variables of {@code .env}
	 * @param bindMounts the folder that stands for each host folder compose mounts, e.g.
	 * {@code ./tls}
	 * @param volumes where the named volumes go, one folder each
	 */
	@SuppressWarnings("unchecked")
	static ComposeFile read(Path file, Map<String, String> dotEnv, Map<String, Path> bindMounts, Path volumes)
			throws IOException {
		try (Reader in = Files.newBufferedReader(file)) {
			// The file shares its settings through YAML anchors, more than SnakeYAML's
			// default of 50 aliases of collections.
			LoaderOptions options = new LoaderOptions();
			options.setMaxAliasesForCollections(500);
			Map<String, Object> compose = new Yaml(options).load(in);
			return new ComposeFile((Map<String, Map<String, Object>>) compose.get("services"), dotEnv, bindMounts,
					volumes);
		}
	}

	/**
	 * The environment of {@code service} for a process outside Docker, its host names and
	 * ports changed by {@code hosts}.
	 */
	@SuppressWarnings("unchecked")
	Map<String, String> environmentOf(String service, UnaryOperator<String> hosts) {
		Map<String, Object> definition = this.services.get(service);
		assertThat(definition).as("compose service %s", service).isNotNull();
		Map<String, String> environment = new LinkedHashMap<>();
		((Map<String, Object>) definition.getOrDefault("environment", Map.of()))
			.forEach((key, value) -> environment.put(key, hosts.apply(mountsMapped(service, resolved(value)))));
		return environment;
	}

	/**
	 * The environment of {@code service} as compose gives it to the container: variables
	 * taken from {@code .env}, paths as they are in the container.
	 */
	@SuppressWarnings("unchecked")
	Map<String, String> containerEnvironmentOf(String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		((Map<String, Object>) this.services.get(service).getOrDefault("environment", Map.of()))
			.forEach((key, value) -> environment.put(key, resolved(value)));
		return environment;
	}

	/**
	 * The {@code command} of {@code service}, its paths in the container replaced by the
	 * folders of its volumes.
	 */
	@SuppressWarnings("unchecked")
	List<String> commandOf(String service) {
		Map<String, Object> definition = this.services.get(service);
		assertThat(definition).as("compose service %s", service).isNotNull();
		return ((List<Object>) definition.get("command")).stream()
			.map((argument) -> mountsMapped(service, resolved(argument)))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private String mountsMapped(String service, String value) {
		String mapped = value;
		for (String volume : (List<String>) this.services.get(service).getOrDefault("volumes", List.of())) {
			String[] parts = volume.split(":");
			mapped = mapped.replace(parts[1], folderOf(service, parts[0]).toString());
		}
		return mapped;
	}

	private Path folderOf(String service, String source) {
		if (source.startsWith("./")) {
			assertThat(this.bindMounts).as("%s: a folder stands for %s", service, source).containsKey(source);
			return this.bindMounts.get(source).toAbsolutePath();
		}
		try {
			return Files.createDirectories(this.volumes.resolve(source)).toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String resolved(Object value) {
		Matcher variable = VARIABLE.matcher(String.valueOf(value));
		StringBuilder resolved = new StringBuilder();
		while (variable.find()) {
			String name = variable.group(1);
			assertThat(this.dotEnv).as("the .env of the test gives %s", name).containsKey(name);
			variable.appendReplacement(resolved, Matcher.quoteReplacement(this.dotEnv.get(name)));
		}
		variable.appendTail(resolved);
		return resolved.toString().replace("$$", "$");
	}

	/**
	 * The services {@code service} waits for ({@code depends_on}), and those they wait
	 * for.
	 */
	@SuppressWarnings("unchecked")
	Set<String> waitsFor(String service) {
		Set<String> all = new TreeSet<>();
		Object dependsOn = this.services.get(service).get("depends_on");
		Collection<String> direct = (dependsOn instanceof Map<?, ?> conditions)
				? (Collection<String>) conditions.keySet() : (dependsOn != null) ? (List<String>) dependsOn : List.of();
		for (String other : direct) {
			all.add(other);
			all.addAll(waitsFor(other));
		}
		return all;
	}

	/** The names of the services. */
	Set<String> services() {
		return new TreeSet<>(this.services.keySet());
	}

}
