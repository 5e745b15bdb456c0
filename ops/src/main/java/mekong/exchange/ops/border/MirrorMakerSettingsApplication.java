package mekong.exchange.ops.border;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import mekong.exchange.ops.access.AgreementParties;
import mekong.exchange.ops.border.MirrorMakerSettings.CountryCluster;
import mekong.exchange.ops.border.MirrorMakerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The settings step of a country's MirrorMaker (the {@code mirror-maker-settings-*}
 * services of {@code docker-compose.yml}): writes the settings of Apache Kafka's
 * MirrorMaker 2 for the border link into the home country ({@link MirrorMakerSettings}),
 * with the topics it pulls derived from the agreements
 * ({@code mekong.routing.agreements}, as the routers and the init step read them), and
 * exits. MirrorMaker then runs from its own image on that file. It is in the node's
 * image: started with
 * {@code LOADER_MAIN=mekong.exchange.ops.border.MirrorMakerSettingsApplication}.
 */
@SpringBootConfiguration
@EnableConfigurationProperties({ MirrorMakerSettingsProperties.class, AgreementParties.class })
public class MirrorMakerSettingsApplication {

	private static final Logger log = LoggerFactory.getLogger(MirrorMakerSettingsApplication.class);

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(MirrorMakerSettingsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		System.exit(SpringApplication.exit(application.run(args)));
	}

	@Bean
	ApplicationRunner writeMirrorMakerSettings(MirrorMakerSettingsProperties link, AgreementParties agreements) {
		return (arguments) -> {
			Map<String, String> settings = MirrorMakerSettings.of(
					new CountryCluster(link.home().country(), link.home().login()), link.home().nodes(),
					link.partners()
						.stream()
						.map((partner) -> new CountryCluster(partner.country(), partner.login()))
						.toList(),
					agreements.parties(), link.restListener(), link.replicationFactor(), Map.of());
			Map<String, String> fromEnvironment = new TreeMap<>(link.home().fromEnvironment());
			link.partners().forEach((partner) -> fromEnvironment.putAll(partner.fromEnvironment()));
			write(MirrorMakerSettings.withValuesFromEnvironment(settings, fromEnvironment), link.settingsFile());
			for (MirrorMakerSettingsProperties.Cluster partner : link.partners()) {
				log.info("MirrorMaker settings of the border link {}->{} written to {}: it pulls {}", partner.country(),
						link.home().country(), link.settingsFile(),
						settings.get(partner.country() + "->" + link.home().country() + ".topics"));
			}
		};
	}

	private static void write(Map<String, String> settings, Path file) {
		Properties properties = new Properties();
		properties.putAll(settings);
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				properties.store(out, "MirrorMaker 2 settings of a border link, passwords included; made from the"
						+ " agreements by MirrorMakerSettingsApplication");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write MirrorMaker's settings to " + file, ex);
		}
	}

}
