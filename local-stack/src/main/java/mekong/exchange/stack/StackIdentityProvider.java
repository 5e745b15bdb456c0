package mekong.exchange.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.infra.IdentityProviderProcess;
import mekong.exchange.infra.Passwords;
import mekong.exchange.infra.SecretsFile;

import org.springframework.boot.context.properties.bind.Bindable;

/**
 * The local stack's OpenID Connect provider ({@code identity-provider}), in a process of
 * its own: its users and clients are the desk accounts of
 * {@value StackAgreements#NODES_YML} (public demo values), and each node's console, with
 * a secret made on first start.
 */
final class StackIdentityProvider implements AutoCloseable {

	private static final String CONSOLE_SECRETS = "console-secrets.properties";

	private static final String REGISTRY_SECRETS = "registry-secrets.properties";

	/** The registry's administrator, a client of the provider. */
	static final String REGISTRY_ADMIN = "registry-admin";

	private final IdentityProviderProcess process;

	private final Map<String, IdentityProviderProcess.Console> consoles;

	private final List<IdentityProviderProcess.Service> services;

	private StackIdentityProvider(IdentityProviderProcess process,
			Map<String, IdentityProviderProcess.Console> consoles, List<IdentityProviderProcess.Service> services) {
		this.process = process;
		this.consoles = consoles;
		this.services = services;
	}

	/**
	 * Starts the provider on {@code port}, its data in {@code data}, and waits until it
	 * answers.
	 * @param consoles the port of each node's desk API, whose console logs in there
	 */
	static StackIdentityProvider start(Path data, int port, Map<String, Integer> consoles, Duration timeout) {
		SecretsFile secrets = SecretsFile.at(data.resolve(REGISTRY_SECRETS),
				"Client secrets of the local stack's nodes at its identity provider, for the schema registry");
		List<IdentityProviderProcess.Service> registryClients = new ArrayList<>(consoles.keySet()
			.stream()
			.map((node) -> new IdentityProviderProcess.Service(registryClientOf(node),
					secrets.getOrMake(node, Passwords::make), List.of(ApicurioRegistry.WRITER_ROLE)))
			.toList());
		registryClients.add(new IdentityProviderProcess.Service(REGISTRY_ADMIN,
				secrets.getOrMake(REGISTRY_ADMIN, Passwords::make), List.of(ApicurioRegistry.ADMIN_ROLE)));
		return start(data, port, consoles, registryClients, timeout);
	}

	/**
	 * Starts the provider with service clients too (e.g. the nodes' logins at the
	 * registry).
	 */
	static StackIdentityProvider start(Path data, int port, Map<String, Integer> consoles,
			List<IdentityProviderProcess.Service> services, Duration timeout) {
		Map<String, String> consoleUrls = new TreeMap<>();
		consoles.forEach((node, deskPort) -> consoleUrls.put(node, "http://localhost:" + deskPort));
		return startWithConsolesAt(data, port, consoleUrls, services, timeout);
	}

	/**
	 * Starts the provider with each node's console at the desk API address
	 * {@code consoleUrls} gives it, e.g. over HTTPS.
	 */
	static StackIdentityProvider startWithConsolesAt(Path data, int port, Map<String, String> consoleUrls,
			List<IdentityProviderProcess.Service> services, Duration timeout) {
		SecretsFile secrets = SecretsFile.at(data.resolve(CONSOLE_SECRETS),
				"Client secrets of the local stack's consoles at its identity provider");
		Map<String, IdentityProviderProcess.Console> clients = new TreeMap<>();
		consoleUrls.forEach((node, deskUrl) -> clients.put(node, new IdentityProviderProcess.Console("console-" + node,
				secrets.getOrMake(node, Passwords::make), deskUrl)));
		return new StackIdentityProvider(
				IdentityProviderProcess.start(data, port, desks(), List.copyOf(clients.values()), services, timeout),
				clients, services);
	}

	/** The issuer the nodes trust, as its tokens name it. */
	String issuer() {
		return this.process.issuer();
	}

	/**
	 * The Spring Boot arguments that make {@code node} trust the provider's tokens and
	 * send its desk officers there to log in to the console.
	 */
	List<String> argumentsFor(String node) {
		return this.process.nodeArguments(this.consoles.get(node));
	}

	/** The client of {@code node}'s console at the provider. */
	IdentityProviderProcess.Console consoleOf(String node) {
		return this.consoles.get(node);
	}

	/**
	 * {@code node}'s login at the schema registry ({@code mekong.registry.user-info}):
	 * its client id and secret here.
	 */
	String registryUserInfo(String node) {
		return userInfoOf(registryClientOf(node));
	}

	private String userInfoOf(String client) {
		return this.services.stream()
			.filter((service) -> service.clientId().equals(client))
			.map((service) -> service.clientId() + ":" + service.secret())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No client " + client + " for the registry"));
	}

	/**
	 * The registry administrator's login ({@code client:secret}), which gives each node
	 * its subjects.
	 */
	String registryAdminUserInfo() {
		return userInfoOf(REGISTRY_ADMIN);
	}

	static String registryClientOf(String node) {
		return "registry-" + node;
	}

	String tokenEndpoint() {
		return this.process.tokenEndpoint();
	}

	/** A bearer token for the desk API of a desk account of the stack. */
	String deskToken(String username, String password) {
		return this.process.deskToken(username, password);
	}

	@Override
	public void close() {
		this.process.close();
	}

	/** The desk accounts of the stack's nodes. */
	private static List<IdentityProviderProcess.Desk> desks() {
		return StackAgreements.nodesSettings()
			.bind("mekong.identity.desks", Bindable.listOf(IdentityProviderProcess.Desk.class))
			.orElseThrow(() -> new IllegalStateException(StackAgreements.NODES_YML + " has no desk accounts"));
	}

}
