package mekong.exchange.boot.agreements;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The agreements (memoranda of understanding) this node routes and receives under.
 * Without any, the node sends nothing: routing is deny by default. Checked at start-up: a
 * node that is not in the node directory, dates that end before they start, two
 * agreements between the same nodes that overlap, or an agreement without categories or
 * highest TLP label stop the node with the reason.
 *
 * @param agreements the agreements
 * @param inboxCheckInterval how often the router looks again at which partners' inboxes
 * it can write; alerts for the others are refused with the reason
 * @param clockSkew how far the node's clock may be from a partner's: an alert judged this
 * long after its agreement ended still passes, one judged later is refused
 */
@ConfigurationProperties("mekong.routing")
@Validated
public record RoutingProperties(@DefaultValue List<@Valid AgreementSettings> agreements,
		@DefaultValue("30s") @NotNull Duration inboxCheckInterval, @DefaultValue("10m") @NotNull Duration clockSkew) {

	/**
	 * @param id a name for logs and acknowledgements, e.g. VN-05~LA-HO/2023
	 * @param parties the two nodes
	 * @param validFrom first day in force (node time zone)
	 * @param validTo last day in force (node time zone)
	 * @param categories the crime areas the two nodes exchange
	 * @param highestTlp the highest TLP label the two nodes exchange (CLEAR, GREEN,
	 * AMBER, AMBER_STRICT, RED)
	 * @param retention how long the receiving node may keep an alert after taking its
	 * newest revision (an alert that expires sooner is erased when it expires)
	 */
	public record AgreementSettings(@NotBlank String id, @NotNull @Size(min = 2, max = 2) List<NodeId> parties,
			@NotNull LocalDate validFrom, @NotNull LocalDate validTo, @NotEmpty Set<CrimeCategory> categories,
			@NotNull TrafficLight highestTlp, @DefaultValue("365d") @NotNull Duration retention) {
	}

}
