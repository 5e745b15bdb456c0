package mekong.exchange.boot.node;

import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import mekong.exchange.core.node.NodeDirectory;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this node is.
 *
 * @param id ISO 3166-2 code of the node, e.g. VN-05; start-up fails without it
 * @param timeZone the node's local time zone; agreement dates are read in it
 * @param instance which instance of the node this is, where a node runs several
 * (transactional ids, state directory, the access topic's records)
 */
@ConfigurationProperties("mekong.node")
@Validated
public record NodeProperties(@NotNull NodeId id, @NotNull ZoneId timeZone,
		@DefaultValue("1") @Pattern(regexp = "[A-Za-z0-9._-]{1,40}") String instance) {

	public NodeProperties {
		if (id != null) {
			NodeDirectory.requireKnown(id, "mekong.node.id");
		}
	}

}
