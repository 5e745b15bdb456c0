package mekong.exchange.identity;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The local stack's OpenID Connect provider, on Spring Authorization Server: desk
 * officers log in to their node's console through it (authorization code with PKCE), and
 * a desk's own system gets a bearer token for the desk API with the client credentials
 * grant. Every token names the node and desk it acts for. A province runs its own
 * provider instead (Keycloak, or the one it has); the nodes only need its issuer. It runs
 * in a process of its own, so that the nodes' classpath does not carry an authorization
 * server.
 */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityProviderApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(IdentityProviderApplication.class);
		// Its settings file has a name of its own: its classes are on the local stack's
		// classpath too, where the nodes read application.yml.
		application.setDefaultProperties(Map.of("spring.config.name", "identity-provider"));
		application.run(args);
	}

}
