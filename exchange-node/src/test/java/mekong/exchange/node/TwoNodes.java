package mekong.exchange.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.IdentityProviderProcess;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.SharedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Son La (VN-05) and Houaphan (LA-HO) as two real node processes' worth of Spring
 * contexts, on a real KRaft broker and a real registry, with the agreement of the local
 * stack: drugs, weapons and fugitives, 2023 to 2027.
 */
final class TwoNodes implements AutoCloseable {

	static final String SON_LA = "VN-05";

	static final String HOUAPHAN = "LA-HO";

	/** The desk accounts: username, password, node, desk. */
	static final String[][] ACCOUNTS = { { "desk.vn05", "demo-vn05", SON_LA, "son-la-hotline" },
			{ "desk.laho", "demo-laho", HOUAPHAN, "houaphan-hotline" } };

	final LocalKafkaBroker broker;

	private final Path data;

	private final String registry;

	private final List<String> extraArguments;

	private final Map<String, List<String>> nodeArguments;

	private final Map<String, Integer> deskPorts;

	private final IdentityProviderProcess identityProvider;

	ConfigurableApplicationContext sonLa;

	final ConfigurableApplicationContext houaphan;

	/**
	 * Desks log in with the desk accounts of the local profile (HTTP Basic).
	 * @param extraArguments settings both nodes get on top of the usual ones
	 */
	TwoNodes(Path data, String... extraArguments) {
		this(data, SharedSchemaRegistry.url(), List.of("--spring.profiles.active=local"), List.of(extraArguments));
	}

	private TwoNodes(Path data, String registry, List<String> deskLogin, List<String> extraArguments) {
		this(data, registry, deskLogin, extraArguments, null, Map.of(), Map.of());
	}

	private TwoNodes(Path data, String registry, List<String> deskLogin, List<String> extraArguments,
			IdentityProviderProcess identityProvider, Map<String, List<String>> nodeArguments,
			Map<String, Integer> deskPorts) {
		this.data = data;
		this.registry = registry;
		this.identityProvider = identityProvider;
		this.nodeArguments = nodeArguments;
		this.deskPorts = deskPorts;
		this.broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
		this.extraArguments = new ArrayList<>(deskLogin);
		this.extraArguments.addAll(extraArguments);
		this.sonLa = start(SON_LA);
		this.houaphan = start(HOUAPHAN);
	}

	/**
	 * Desk officers log in to the console through a real OpenID Connect provider
	 * ({@code identity-provider}, in a process of its own), as in production; the desk
	 * API takes its tokens, and the desk accounts of the local profile too.
	 */
	static TwoNodes withIdentityProvider(Path data) {
		Map<String, Integer> deskPorts = Map.of(SON_LA, FreePorts.next(), HOUAPHAN, FreePorts.next());
		Map<String, IdentityProviderProcess.Console> consoles = new LinkedHashMap<>();
		deskPorts.forEach((node, port) -> consoles.put(node, new IdentityProviderProcess.Console("console-" + node,
				"secret-of-" + node, "http://localhost:" + port)));
		List<IdentityProviderProcess.Desk> desks = Stream.of(ACCOUNTS)
			.map((account) -> new IdentityProviderProcess.Desk(account[0], "{noop}" + account[1], account[2],
					account[3]))
			.toList();
		IdentityProviderProcess identity = IdentityProviderProcess.start(data.resolve("identity"), FreePorts.next(),
				desks, List.copyOf(consoles.values()), Duration.ofSeconds(90));
		Map<String, List<String>> nodeArguments = new LinkedHashMap<>();
		consoles.forEach((node, console) -> nodeArguments.put(node, identity.nodeArguments(console)));
		return new TwoNodes(data, SharedSchemaRegistry.url(), List.of("--spring.profiles.active=local"), List.of(),
				identity, nodeArguments, deskPorts);
	}

	/**
	 * Desks send bearer tokens signed by the key whose public half is {@code tokenKey}
	 * (PEM), as in production.
	 */
	static TwoNodes withTokens(Path data, Path tokenKey) {
		return new TwoNodes(data, SharedSchemaRegistry.url(), List
			.of("--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + tokenKey.toAbsolutePath()),
				List.of());
	}

	/**
	 * Desks log in as with {@link #TwoNodes(Path, String...)}; both nodes use
	 * {@code registry}.
	 */
	static TwoNodes withRegistry(Path data, String registry) {
		return new TwoNodes(data, registry, List.of("--spring.profiles.active=local"), List.of());
	}

	/**
	 * Stops Son La's node and starts it again on the same broker, as after a crash or an
	 * upgrade.
	 */
	void restartSonLa() {
		this.sonLa.close();
		this.sonLa = start(SON_LA);
	}

	private ConfigurableApplicationContext start(String node) {
		List<String> args = new ArrayList<>(List.of("--mekong.node.id=" + node,
				"--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
				"--mekong.registry.url=" + this.registry, "--server.port=" + this.deskPorts.getOrDefault(node, 0),
				"--management.server.port=0",
				"--mekong.streams.state-dir=" + this.data.resolve("streams").resolve(node),
				"--mekong.streams.retry-interval=200ms", "--mekong.routing.agreements[0].id=VN-05~LA-HO/2023",
				"--mekong.routing.agreements[0].parties=VN-05,LA-HO",
				"--mekong.routing.agreements[0].valid-from=2023-01-01",
				"--mekong.routing.agreements[0].valid-to=2027-12-31",
				"--mekong.routing.agreements[0].categories=DRUG_TRAFFICKING,WEAPONS,WANTED_FUGITIVE",
				"--mekong.routing.agreements[0].highest-tlp=AMBER_STRICT",
				"--mekong.routing.agreements[1].id=LA-HO~LA-LP/2024",
				"--mekong.routing.agreements[1].parties=LA-HO,LA-LP",
				"--mekong.routing.agreements[1].valid-from=2024-01-01",
				"--mekong.routing.agreements[1].valid-to=2028-12-31",
				"--mekong.routing.agreements[1].categories=DRUG_TRAFFICKING",
				"--mekong.routing.agreements[1].highest-tlp=AMBER"));
		for (int i = 0; i < ACCOUNTS.length; i++) {
			args.add("--mekong.desk.accounts[" + i + "].username=" + ACCOUNTS[i][0]);
			args.add("--mekong.desk.accounts[" + i + "].password={noop}" + ACCOUNTS[i][1]);
			args.add("--mekong.desk.accounts[" + i + "].node=" + ACCOUNTS[i][2]);
			args.add("--mekong.desk.accounts[" + i + "].desk=" + ACCOUNTS[i][3]);
		}
		args.addAll(TestKeys.arguments(node));
		args.addAll(this.extraArguments);
		args.addAll(this.nodeArguments.getOrDefault(node, List.of()));
		return NodeApplication.application().run(args.toArray(String[]::new));
	}

	DeskClient sonLaDesk() {
		return new DeskClient(urlOf(this.sonLa), "desk.vn05", "demo-vn05");
	}

	DeskClient houaphanDesk() {
		return new DeskClient(urlOf(this.houaphan), "desk.laho", "demo-laho");
	}

	/**
	 * Creates the topics a node of its own would create, for a partner that sends alerts
	 * without running a node in this test (its receiver's acknowledgements go to its acks
	 * topic).
	 */
	void createTopicsOfAnotherNode(String node) {
		createTopicsOfAnotherNode(this.broker.bootstrapServers(), node);
	}

	/** The same, on the broker at {@code bootstrapServers}. */
	static void createTopicsOfAnotherNode(String bootstrapServers, String node) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> existing = admin.listTopics().names().get();
			admin
				.createTopics(Topics.ownedBy(NodeId.of(node))
					.stream()
					.filter((topic) -> !existing.contains(topic.name()))
					.map((topic) -> new NewTopic(topic.name(), 1, (short) 1))
					.toList())
				.all()
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	DeskClient sonLaManagement() {
		return managementOf(this.sonLa);
	}

	DeskClient houaphanManagement() {
		return managementOf(this.houaphan);
	}

	private static DeskClient managementOf(ConfigurableApplicationContext node) {
		return new DeskClient("http://localhost:" + node.getEnvironment().getProperty("local.management.port"), null,
				null);
	}

	DeskClient atSonLa(String username, String password) {
		return new DeskClient(urlOf(this.sonLa), username, password);
	}

	static String urlOf(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.houaphan.close();
		this.sonLa.close();
		this.broker.close();
		if (this.identityProvider != null) {
			this.identityProvider.close();
		}
	}

}
