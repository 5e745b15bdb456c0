package mekong.exchange.boot.node;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every node process shares ({@code mekong-node-defaults.yml}) with the
 * lowest precedence, so that the node, producer and consumer applications start from the
 * same defaults and any application file, environment variable or command-line argument
 * overrides them.
 */
class NodeDefaults implements EnvironmentPostProcessor {

	private static final String DEFAULTS = "mekong-node-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(DEFAULTS,
					new ClassPathResource(DEFAULTS))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + DEFAULTS, ex);
		}
	}

}
