package mekong.exchange.boot.node;

import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;
import mekong.exchange.core.node.NodeDirectory;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this node is.
 *
 * @param id ISO 3166-2 code of the node, e.g. VN-05; start-up fails without it
 * @param timeZone the node's local time zone; agreement dates are read in it
 */
@ConfigurationProperties("mekong.node")
@Validated
public record NodeProperties(@NotNull NodeId id, @NotNull ZoneId timeZone) {

	public NodeProperties {
		if (id != null) {
			NodeDirectory.requireKnown(id, "mekong.node.id");
		}
	}

}
