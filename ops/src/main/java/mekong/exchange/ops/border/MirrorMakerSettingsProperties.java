package mekong.exchange.ops.border;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The border link a country runs at home, as {@link MirrorMakerSettingsApplication}
 * writes it down for MirrorMaker.
 *
 * @param home the country's own cluster and the nodes that run on it
 * @param partners the cluster of each country whose nodes have agreements with the home
 * nodes: Vietnam's MirrorMaker pulls from Laos and from Cambodia, Laos's and Cambodia's
 * from Vietnam only
 * @param restListener where MirrorMaker's internal REST API listens, e.g.
 * {@code http://mirror-maker-la:8083}
 * @param replicationFactor of the topics MirrorMaker creates on the home cluster
 * @param settingsFile where to write MirrorMaker's settings (with passwords unless they
 * come from the environment: keep it on a volume only MirrorMaker reads)
 */
@ConfigurationProperties("mekong.mirror-maker")
@Validated
record MirrorMakerSettingsProperties(@NotNull @Valid Cluster home, @NotEmpty List<@Valid Cluster> partners,
		@NotBlank String restListener, @DefaultValue("1") @Min(1) int replicationFactor, @NotNull Path settingsFile) {

	/**
	 * @param country the ISO 3166-1 code of the country that runs the cluster
	 * @param nodes the nodes that run on it (needed for the home cluster)
	 * @param login the Kafka client settings MirrorMaker connects with, by their Kafka
	 * names ({@code bootstrap.servers}, {@code security.protocol},
	 * {@code ssl.truststore.location}…)
	 * @param loginFromEnvironment client settings MirrorMaker takes from its own
	 * environment when it starts, by the name of the variable that holds each (e.g.
	 * {@code sasl.jaas.config} from {@code MIRROR_VN_LOGIN}): its password is then
	 * nowhere in the settings file
	 */
	record Cluster(
			@NotNull @Pattern(regexp = "[A-Z]{2}",
					message = "must be an ISO 3166-1 country code, e.g. LA") String country,
			@DefaultValue List<NodeId> nodes, @NotEmpty Map<String, String> login,
			@DefaultValue Map<String, String> loginFromEnvironment) {

		/** The settings taken from the environment, by their names in MirrorMaker's. */
		Map<String, String> fromEnvironment() {
			Map<String, String> settings = new TreeMap<>();
			this.loginFromEnvironment.forEach((name, variable) -> settings.put(this.country + "." + name, variable));
			return settings;
		}

	}

}
