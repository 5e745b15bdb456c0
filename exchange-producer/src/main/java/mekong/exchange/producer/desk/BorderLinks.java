package mekong.exchange.producer.desk;

import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the node's partners abroad are when each country runs its own Kafka cluster: an
 * alert ROUTED to a node of one of these countries is still on the home cluster until the
 * partner country's MirrorMaker carries it across, and the sender view says so.
 *
 * @param countriesAbroad the ISO 3166-1 codes of the countries whose nodes this node's
 * cluster reaches only through a border link (e.g. {@code LA} for a Vietnamese node);
 * none when all partners share the node's cluster
 */
@ConfigurationProperties("mekong.border")
@Validated
record BorderLinks(@DefaultValue List<@Pattern(regexp = "[A-Z]{2}",
		message = "must be an ISO 3166-1 country code, e.g. LA") String> countriesAbroad) {

	/** Whether {@code node} is reached through a border link. */
	boolean crosses(String node) {
		return this.countriesAbroad.contains(node.substring(0, 2));
	}

}
