package mekong.exchange.boot.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hotline desks that may log in. Passwords are given encoded ({@code {bcrypt}…}, or
 * {@code {noop}…} for the local stack only), from the environment, never from the
 * repository.
 */
@ConfigurationProperties("mekong.desk")
@Validated
record DeskAccountsProperties(@DefaultValue List<@Valid Account> accounts) {

	/**
	 * @param username the login
	 * @param password the encoded password
	 * @param node the node this desk acts for
	 * @param desk the desk's id, written as the origin desk of what it sends
	 */
	record Account(@NotBlank String username, @NotBlank String password, @NotNull NodeId node, @NotBlank String desk) {

		@Override
		public String toString() {
			return "Account[username=" + this.username + ", password=******, node=" + this.node + ", desk=" + this.desk
					+ "]";
		}

	}

}
