package mekong.exchange.node.border;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * @param partner the partner country's cluster
 * @param restListener where MirrorMaker's internal REST API listens, e.g.
 * {@code http://mirror-maker-la:8083}
 * @param replicationFactor of the topics MirrorMaker creates on the home cluster
 * @param settingsFile where to write MirrorMaker's settings (passwords included: keep it
 * on a volume only MirrorMaker reads)
 */
@ConfigurationProperties("mekong.mirror-maker")
@Validated
record MirrorMakerSettingsProperties(@NotNull @Valid Cluster home, @NotNull @Valid Cluster partner,
		@NotBlank String restListener, @DefaultValue("1") @Min(1) int replicationFactor, @NotNull Path settingsFile) {

	/**
	 * @param country the ISO 3166-1 code of the country that runs the cluster
	 * @param nodes the nodes that run on it (needed for the home cluster)
	 * @param login the Kafka client settings MirrorMaker connects with, by their Kafka
	 * names ({@code bootstrap.servers}, {@code security.protocol},
	 * {@code ssl.truststore.location}, {@code sasl.jaas.config}…)
	 */
	record Cluster(
			@NotNull @Pattern(regexp = "[A-Z]{2}",
					message = "must be an ISO 3166-1 country code, e.g. LA") String country,
			@DefaultValue List<NodeId> nodes, @NotEmpty Map<String, String> login) {
	}

}
