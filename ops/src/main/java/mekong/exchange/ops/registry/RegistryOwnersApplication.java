package mekong.exchange.ops.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import mekong.exchange.boot.kafka.RegistryProperties;
import mekong.exchange.core.node.NodeId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * The schema registry's init step (the {@code registry-owners} service of
 * {@code docker-compose.yml}; the local stack does the same on every start): logs in as
 * the registry's administrator ({@code mekong.registry.*}, a client whose tokens carry
 * the role {@code sr-admin}), registers each node's subjects of
 * {@code mekong.registry-owners.nodes} and gives each to that node's client
 * ({@link RegistryOwners}), then exits. It waits for the registry to answer
 * ({@code mekong.registry.startup-timeout}). Running it again changes nothing. It is in
 * the node's image: started with
 * {@code LOADER_MAIN=mekong.exchange.ops.registry.RegistryOwnersApplication}.
 */
@SpringBootConfiguration
@ImportAutoConfiguration(SslAutoConfiguration.class)
@EnableConfigurationProperties({ RegistryOwnersProperties.class, RegistryProperties.class })
public class RegistryOwnersApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(RegistryOwnersApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		System.exit(SpringApplication.exit(application.run(args)));
	}

	@Bean
	ApplicationRunner giveEachNodeItsSubjects(RegistryOwnersProperties owners, RegistryProperties registry,
			ObjectProvider<SslBundles> bundles) {
		return (arguments) -> {
			if (registry.userInfo() == null || registry.userInfo().isBlank()) {
				throw new IllegalStateException("Set mekong.registry.user-info to the registry administrator's"
						+ " client id and secret (client:secret)");
			}
			Map<NodeId, String> clients = new LinkedHashMap<>();
			owners.nodes().forEach((owner) -> clients.put(owner.node(), owner.client()));
			RegistryOwners.give(clients, registry.clientSettings(), registry.tls(bundles), registry.startupTimeout());
		};
	}

}
