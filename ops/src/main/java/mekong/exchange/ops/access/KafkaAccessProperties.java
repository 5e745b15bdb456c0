package mekong.exchange.ops.access;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The principals {@link KafkaAccessApplication} puts on the cluster.
 *
 * @param nodes the nodes whose processes connect to this cluster
 * @param operators read-only users for Kafka's tools and dashboards
 * @param mirrors the MirrorMakers that connect to this cluster when each country runs its
 * own: the home country's, which writes here what arrives from abroad, and each partner
 * country's, which reads here what leaves for it
 * @param brokerWait how long to wait for the cluster to answer, e.g. while it starts
 * beside this step
 */
@ConfigurationProperties("mekong.kafka-access")
@Validated
record KafkaAccessProperties(@NotEmpty List<@Valid NodeLogin> nodes, @DefaultValue List<@Valid Login> operators,
		@DefaultValue List<@Valid MirrorLogin> mirrors, @DefaultValue("3m") @NotNull Duration brokerWait) {

	/** A placeholder such as .env.example's is refused. */
	static final String PASSWORD_SIZE = "must be at least 16 characters; make one with openssl rand -hex 24";

	/**
	 * @param node the node, whose code is its username
	 * @param password its SCRAM password, which its processes log in with
	 */
	record NodeLogin(@NotNull NodeId node, @Size(min = 16, message = PASSWORD_SIZE) @NotNull String password) {
	}

	/**
	 * @param country the ISO 3166-1 code of the country that runs the MirrorMaker
	 * @param password its SCRAM password on this cluster
	 */
	record MirrorLogin(
			@NotNull @Pattern(regexp = "[A-Z]{2}",
					message = "must be an ISO 3166-1 country code, e.g. LA") String country,
			@Size(min = 16, message = PASSWORD_SIZE) @NotNull String password) {
	}

	record Login(@NotBlank String username, @Size(min = 16, message = PASSWORD_SIZE) @NotNull String password) {
	}

}
