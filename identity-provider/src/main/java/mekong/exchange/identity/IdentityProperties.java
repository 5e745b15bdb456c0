package mekong.exchange.identity;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may log in, and which consoles may ask for a login.
 *
 * @param desks the desk accounts: each logs in to its node's console as a user, and is a
 * client of the desk API with the same name and password (client credentials grant)
 * @param consoles the nodes' consoles, clients of the authorization code grant with PKCE
 * @param services other systems that call with a token of their own (client credentials
 * grant), e.g. each node logging in to the schema registry
 */
@Validated
@ConfigurationProperties("mekong.identity")
public record IdentityProperties(@NotEmpty List<@Valid Desk> desks, List<@Valid Console> consoles,
		List<@Valid Service> services) {

	public IdentityProperties {
		consoles = (consoles != null) ? List.copyOf(consoles) : List.of();
		services = (services != null) ? List.copyOf(services) : List.of();
	}

	/** The service client {@code clientId}, if there is one. */
	public Optional<Service> service(String clientId) {
		return this.services.stream().filter((service) -> service.clientId().equals(clientId)).findFirst();
	}

	/** The desk account {@code username}, if there is one. */
	public Optional<Desk> desk(String username) {
		return this.desks.stream().filter((desk) -> desk.username().equals(username)).findFirst();
	}

	/**
	 * A desk account.
	 *
	 * @param password encoded, with its encoding's id ({@code {bcrypt}…})
	 * @param node the node it acts for (ISO 3166-2 code)
	 * @param desk the desk's name, in the audit trail
	 * @param roles what else the login may do at its node ({@code supervisor}), in the
	 * tokens' {@code mekong_roles} claim
	 */
	public record Desk(@NotBlank String username, @NotBlank String password,
			@NotBlank @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?") String node, @NotBlank String desk,
			@DefaultValue List<@Pattern(regexp = "supervisor") String> roles) {
	}

	/**
	 * A node's console.
	 *
	 * @param clientSecret encoded, with its encoding's id
	 * @param redirectUri where the provider sends the desk back with its code
	 * @param postLogoutRedirectUri where the provider sends the desk after logging out
	 */
	public record Console(@NotBlank String clientId, @NotBlank String clientSecret, @NotBlank String redirectUri,
			@NotBlank String postLogoutRedirectUri) {
	}

	/**
	 * A system calling with its own client credentials.
	 *
	 * @param clientSecret encoded, with its encoding's id
	 * @param groups what its tokens carry in their {@code groups} claim: the roles the
	 * service it calls gives it, e.g. {@code sr-developer} (Apicurio Registry: register
	 * schemas, set their rules)
	 */
	public record Service(@NotBlank String clientId, @NotBlank String clientSecret, @NotEmpty List<String> groups) {
	}

}
