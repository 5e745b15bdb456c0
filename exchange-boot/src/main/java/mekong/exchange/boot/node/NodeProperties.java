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
 * @param timeZone the node's local time zone, by default its country's (see
 * {@link #timeZoneOf(NodeId)}); agreement dates are read in it and the console shows
 * times in it
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
			if (timeZone == null) {
				timeZone = timeZoneOf(id);
			}
		}
	}

	/**
	 * The time zone of the node's country: Vietnam's, Laos' or Cambodia's (all three at
	 * UTC+7, without daylight saving time).
	 */
	static ZoneId timeZoneOf(NodeId node) {
		return ZoneId.of(switch (node.country()) {
			case "VN" -> "Asia/Ho_Chi_Minh";
			case "LA" -> "Asia/Vientiane";
			case "KH" -> "Asia/Phnom_Penh";
			default -> throw new IllegalArgumentException(
					"No time zone known for " + node + "'s country: set mekong.node.time-zone");
		});
	}

}
