package mekong.exchange.ops.registry;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whose subjects {@link RegistryOwnersApplication} registers, and to whom it gives them.
 *
 * @param nodes every node that uses the registry
 */
@ConfigurationProperties("mekong.registry-owners")
@Validated
record RegistryOwnersProperties(@NotEmpty List<@Valid Owner> nodes) {

	/**
	 * @param node the node
	 * @param client its client at the registry, which its processes log in as
	 * ({@code mekong.registry.user-info}'s user)
	 */
	record Owner(@NotNull NodeId node, @NotBlank String client) {
	}

}
