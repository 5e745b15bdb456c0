package mekong.exchange.ops.access;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who has an agreement with whom, read from the settings the routers route by
 * ({@code mekong.routing.agreements}), so that the ACLs follow the same agreements. The
 * other settings of an agreement are the router's.
 */
@ConfigurationProperties("mekong.routing")
@Validated
public record AgreementParties(@DefaultValue List<@Valid Parties> agreements) {

	public record Parties(@NotNull @Size(min = 2, max = 2) List<NodeId> parties) {
	}

	public List<List<NodeId>> parties() {
		return this.agreements.stream().map(Parties::parties).toList();
	}

}
