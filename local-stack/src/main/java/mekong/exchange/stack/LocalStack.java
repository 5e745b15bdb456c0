package mekong.exchange.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.RegistryClientSettings;
import mekong.exchange.infra.ApicurioRegistry;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.MirrorMakerProcess;
import mekong.exchange.node.NodeApplication;
import mekong.exchange.ops.access.KafkaAccessGrant.TopicLayout;
import mekong.exchange.ops.border.MirrorMakerSettings.CountryCluster;
import mekong.exchange.ops.border.MirrorMakerSettings;
import mekong.exchange.ops.registry.RegistryOwners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole exchange on one machine, without Docker: Apache Kafka's own broker in KRaft
 * mode in this process, with TLS, SASL/SCRAM and ACLs, Apicurio Registry as a child
 * process, and the nodes of Son La (VN-05), Houaphan (LA-HO) and Thanh Hoa (VN-21) on the
 * Vietnam–Laos border, Tay Ninh (VN-37) and Svay Rieng (KH-20) on the Vietnam–Cambodia
 * one, each logging in to Kafka as itself, seeded once with the 22 July 2022 NH6A case,
 * Thanh Hoa's own report on one of its suspects, and the Moc Bai–Bavet case. Everything
 * keeps its data in one folder, so a restart finds its topics, schemas, alerts and
 * passwords again.
 */
public final class LocalStack implements AutoCloseable {

	/**
	 * System property naming the data folder; {@code .mekong} in the working directory by
	 * default.
	 */
	public static final String DATA_PROPERTY = "mekong.stack.data";

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	/** The nodes the stack runs, in the order they start. */
	static final List<String> NODES = List.of("VN-05", "LA-HO", "VN-21", "VN-37", "KH-20");

	/**
	 * The countries of the stack's nodes, each with a cluster of its own across borders.
	 */
	static final List<String> COUNTRIES = List.of("VN", "LA", "KH");

	private final List<AutoCloseable> running = new ArrayList<>();

	private final Map<String, ConfigurableApplicationContext> nodes = new LinkedHashMap<>();

	private final Map<String, List<String>> nodeArguments = new LinkedHashMap<>();

	/** The country of the local stack's first cluster, the only one without a border. */
	static final String VIETNAM = "VN";

	private static final String BORDER_ARGUMENT = "--border";

	private LocalKafkaBroker broker;

	/** The broker and principals each node connects with. */
	private final Map<String, NodeCluster> clusterOfNode = new LinkedHashMap<>();

	/** The settings of the MirrorMaker each country runs, by country. */
	private final Map<String, Map<String, String>> linkSettings = new LinkedHashMap<>();

	private final Map<String, MirrorMakerProcess> mirrorMakers = new LinkedHashMap<>();

	private BorderPorts border;

	private ApicurioRegistry registry;

	private StackIdentityProvider identity;

	private final StackPorts ports;

	private final Path data;

	private LocalStack(Path data, StackPorts ports) {
		this.data = data;
		this.ports = ports;
	}

	/**
	 * Starts the stack on its demo ports; with {@value #BORDER_ARGUMENT}, each country on
	 * its own cluster, in its own data folder ({@code .mekong-border} by default).
	 */
	public static void main(String[] args) {
		boolean border = List.of(args).contains(BORDER_ARGUMENT);
		Path data = Path.of(System.getProperty(DATA_PROPERTY, border ? ".mekong-border" : ".mekong"))
			.toAbsolutePath()
			.normalize();
		LocalStack stack = border ? startAcrossBorder(data, StackPorts.demo(), BorderPorts.demo())
				: start(data, StackPorts.demo());
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
	}

	/**
	 * Starts everything on one Kafka cluster, seeds the case on first start, and returns
	 * once the nodes serve their desks.
	 */
	public static LocalStack start(Path data, StackPorts ports) {
		return start(data, ports, null);
	}

	/**
	 * Starts everything with one Kafka cluster per country (the Vietnamese nodes on the
	 * Vietnamese one at {@link StackPorts#kafka()}, LA-HO on the Lao one, KH-20 on the
	 * Cambodian one), each with its own principals and ACLs, and each country's
	 * MirrorMaker 2 pulling home what is addressed to its nodes from each country its
	 * nodes have agreements with: Vietnam's from Laos and Cambodia, theirs from Vietnam;
	 * seeds the cases on first start, and returns once the nodes serve their desks.
	 */
	public static LocalStack startAcrossBorder(Path data, StackPorts ports, BorderPorts border) {
		return start(data, ports, border);
	}

	private static LocalStack start(Path data, StackPorts ports, BorderPorts border) {
		long started = System.nanoTime();
		LocalStack stack = new LocalStack(data, ports);
		try {
			Files.createDirectories(data);
			List<List<NodeId>> agreements = StackAgreements.parties();
			TopicLayout topics = StackAgreements.topicLayout();
			Map<String, List<NodeId>> clusters = clusters(border != null);
			Map<String, StackKafkaUsers> usersByCountry = new LinkedHashMap<>();
			clusters.forEach((country, nodes) -> {
				boolean home = VIETNAM.equals(country) || border == null;
				String suffix = home ? "" : "-" + country.toLowerCase(Locale.ROOT);
				LocalKafkaBroker broker = LocalKafkaBroker.startSecured(data.resolve("kafka" + suffix),
						home ? ports.kafka() : border.clusterOf(country).kafka(),
						home ? ports.kafkaController() : border.clusterOf(country).controller());
				stack.running.add(broker);
				if (stack.broker == null) {
					stack.broker = broker;
				}
				List<String> partners = (border != null) ? partnerCountriesOf(nodes, agreements) : List.of();
				List<String> mirrors = new ArrayList<>(partners);
				if (!partners.isEmpty()) {
					mirrors.add(country);
				}
				StackKafkaUsers users = StackKafkaUsers.grant(data, broker, nodes, agreements, topics, mirrors,
						StackKafkaUsers.operatorClientFile(suffix));
				usersByCountry.put(country, users);
				nodes.forEach((node) -> stack.clusterOfNode.put(node.code(),
						new NodeCluster(country, broker, users, partners)));
			});
			Map<String, Integer> consoles = new LinkedHashMap<>();
			NODES.forEach((node) -> consoles.put(node, ports.deskOf(node)));
			StackIdentityProvider identity = StackIdentityProvider.start(data.resolve("identity"), ports.identity(),
					consoles, Duration.ofSeconds(90));
			stack.identity = identity;
			stack.running.add(identity);
			ApicurioRegistry registry = ApicurioRegistry.start(data.resolve("registry"), ports.registry(),
					ApicurioRegistry.writableByClientsOf(identity.issuer(), identity.tokenEndpoint()),
					Duration.ofSeconds(90));
			stack.registry = registry;
			stack.running.add(registry);
			Map<NodeId, String> registryClients = new LinkedHashMap<>();
			NODES.forEach((node) -> registryClients.put(NodeId.of(node), StackIdentityProvider.registryClientOf(node)));
			RegistryOwners.give(registryClients,
					RegistryClientSettings.of(registry.confluentApiUrl(), Duration.ofSeconds(10))
						.withUserInfo(identity.registryAdminUserInfo()),
					null, Duration.ofSeconds(60));
			StackKeys keys = StackKeys.loadOrCreate(data, NODES);
			for (String node : NODES) {
				stack.startNode(node, ports.deskOf(node), ports.managementOf(node), keys);
			}
			if (border != null) {
				stack.startBorderLinks(clusters, usersByCountry, agreements, border);
			}
			SeedCase.nh6a(data, stack::deskUrl, identity::deskToken).fileOnce();
			SeedCase.mocBaiBavet(data, stack::deskUrl, identity::deskToken).fileOnce();
		}
		catch (Exception ex) {
			stack.close();
			throw new IllegalStateException("The local stack could not start: " + ex.getMessage(), ex);
		}
		stack.announce((System.nanoTime() - started) / 1_000_000);
		return stack;
	}

	/**
	 * The stack's nodes by the cluster they run on, by country: one cluster for all, or
	 * one per country, each holding its country's nodes.
	 */
	private static Map<String, List<NodeId>> clusters(boolean border) {
		Map<String, List<NodeId>> clusters = new LinkedHashMap<>();
		for (String code : NODES) {
			NodeId node = NodeId.of(code);
			clusters.computeIfAbsent(border ? node.country() : VIETNAM, (country) -> new ArrayList<>()).add(node);
		}
		return clusters;
	}

	/**
	 * The countries whose clusters hold nodes that {@code nodes} have agreements with,
	 * other than their own.
	 */
	private static List<String> partnerCountriesOf(List<NodeId> nodes, List<List<NodeId>> agreements) {
		return List.copyOf(BorderCrossing.leaving(nodes, agreements).keySet());
	}

	/**
	 * Starts the MirrorMaker each country runs at home, pulling from each partner
	 * country's cluster what is addressed to its nodes.
	 */
	private void startBorderLinks(Map<String, List<NodeId>> clusters, Map<String, StackKafkaUsers> usersByCountry,
			List<List<NodeId>> agreements, BorderPorts border) {
		this.border = border;
		for (String country : clusters.keySet()) {
			List<CountryCluster> partners = partnerCountriesOf(country).stream()
				.map((partner) -> new CountryCluster(partner, usersByCountry.get(partner).mirrorLogin(country)))
				.toList();
			this.linkSettings.put(country,
					MirrorMakerSettings.of(
							new CountryCluster(country, usersByCountry.get(country).mirrorLogin(country)),
							clusters.get(country), partners, agreements,
							"http://localhost:" + border.linkRestOf(country), 1, Map.of()));
			startBorderLink(country);
		}
	}

	/**
	 * Starts the MirrorMaker {@code country} runs at home, again after
	 * {@link #stopBorderLink}: it carries across what waited, from where it stopped.
	 */
	public synchronized void startBorderLink(String country) {
		Map<String, String> settings = this.linkSettings.get(country);
		if (settings == null || this.mirrorMakers.containsKey(country)) {
			throw new IllegalStateException("The local stack has no stopped border link into " + country);
		}
		this.mirrorMakers.put(country,
				MirrorMakerProcess.start(this.data.resolve("mirror-maker-" + country.toLowerCase(Locale.ROOT)), country,
						settings, this.border.linkMetricsOf(country), Duration.ofSeconds(90)));
	}

	/**
	 * Stops the MirrorMaker {@code country} runs, as when the link is down: what is sent
	 * to its nodes waits on the partner's cluster.
	 */
	public synchronized void stopBorderLink(String country) {
		MirrorMakerProcess mirrorMaker = this.mirrorMakers.remove(country);
		if (mirrorMaker == null) {
			throw new IllegalStateException("The local stack runs no border link into " + country);
		}
		mirrorMaker.close();
	}

	private void startNode(String node, int deskPort, int managementPort, StackKeys keys) {
		NodeCluster cluster = this.clusterOfNode.get(node);
		List<String> arguments = new ArrayList<>(List.of("--mekong.node.id=" + node, "--server.port=" + deskPort,
				"--management.server.port=" + managementPort,
				"--spring.kafka.bootstrap-servers=" + cluster.broker().bootstrapServers(),
				"--mekong.registry.url=" + this.registry.confluentApiUrl(),
				"--mekong.registry.user-info=" + this.identity.registryUserInfo(node),
				"--spring.config.additional-location=classpath:" + StackAgreements.NODES_YML,
				"--mekong.streams.state-dir=" + this.data.resolve("streams").resolve(node)));
		arguments.addAll(keys.argumentsFor(node));
		arguments.addAll(this.identity.argumentsFor(node));
		arguments.addAll(cluster.users().argumentsFor(NodeId.of(node)));
		if (!cluster.partnersAbroad().isEmpty()) {
			arguments.add("--mekong.border.countries-abroad=" + String.join(",", cluster.partnersAbroad()));
		}
		this.nodeArguments.put(node, arguments);
		startNode(node);
	}

	/**
	 * Starts node {@code code} again after {@link #stopNode}, with its data, as after an
	 * upgrade; returns once it serves its desks (its state stores may still be
	 * restoring).
	 */
	public synchronized void startNode(String code) {
		List<String> arguments = this.nodeArguments.get(code);
		if (arguments == null || this.nodes.containsKey(code)) {
			throw new IllegalStateException("Node " + code + " is not a stopped node of the local stack");
		}
		SpringApplication application = NodeApplication.application();
		// The stack stops its nodes itself, before the broker they need to shut down
		// cleanly.
		application.setRegisterShutdownHook(false);
		this.nodes.put(code, application.run(arguments.toArray(String[]::new)));
	}

	/** Stops node {@code code} cleanly; the rest of the stack goes on. */
	public synchronized void stopNode(String code) {
		node(code).close();
		this.nodes.remove(code);
	}

	/**
	 * The running node {@code code}, e.g. for a benchmark that reads its beans.
	 */
	public ConfigurableApplicationContext node(String code) {
		ConfigurableApplicationContext node = this.nodes.get(code);
		if (node == null) {
			throw new IllegalArgumentException(
					"The local stack runs no node " + code + ", only " + this.nodes.keySet());
		}
		return node;
	}

	/**
	 * A bearer token for the desk API of one of the stack's desk accounts, from its
	 * identity provider.
	 */
	public String deskToken(String username, String password) {
		return this.identity.deskToken(username, password);
	}

	/**
	 * The stack's broker, the Vietnamese one across a border; its
	 * {@link LocalKafkaBroker#adminSettings()} log in as a super user.
	 */
	public LocalKafkaBroker broker() {
		return this.broker;
	}

	/** The broker node {@code code} runs on. */
	public LocalKafkaBroker brokerOf(String code) {
		return this.clusterOfNode.get(code).broker();
	}

	public String registryUrl() {
		return this.registry.confluentApiUrl();
	}

	public String deskUrl(String node) {
		return "http://localhost:" + this.ports.deskOf(node);
	}

	public String managementUrl(String node) {
		return "http://localhost:" + this.ports.managementOf(node);
	}

	private void announce(long millis) {
		StringBuilder desks = new StringBuilder();
		NODES.forEach((node) -> desks
			.append(String.format("  %-5s %-10s desk   %s   login %s / %s   health %s%n", node, NAMES.get(node),
					deskUrl(node), deskLoginOf(node), deskPasswordOf(node), managementUrl(node) + "/actuator/health")));
		log.info("""

				Mekong Exchange local stack is up in {} s. Data: {} (delete it to start afresh)
				  Kafka (KRaft)          localhost:{}   TLS (CA {}) and SASL/SCRAM; operator (read-only) settings in {}
				  Schema registry        http://localhost:{}/apis/ccompat/v7   anyone reads; only the nodes write
				  Identity provider      {}   OpenID Connect; a desk's token: README, walk-through step 0
				{}Try: the console at {}/console, or the README's walk-through (a desk's token: its step 0)
				Stop with Ctrl-C.{}
				""", String.format("%.1f", millis / 1000.0), this.data, this.ports.kafka(),
				this.broker.certificateAuthority(), this.data.resolve(StackKafkaUsers.OPERATOR_CLIENT_FILE),
				this.ports.registry(), this.identity.issuer(), desks, deskUrl("LA-HO"),
				this.linkSettings.isEmpty() ? "" : borderLines());
	}

	/** The place names of the stack's nodes, for people. */
	private static final Map<String, String> NAMES = Map.of("VN-05", "Son La", "LA-HO", "Houaphan", "VN-21",
			"Thanh Hoa", "VN-37", "Tay Ninh", "KH-20", "Svay Rieng");

	/**
	 * The desk account of {@code node} in {@value StackAgreements#NODES_YML}: desk.vn05 …
	 */
	static String deskLoginOf(String node) {
		return "desk." + node.replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** The public demo password of {@link #deskLoginOf}. */
	static String deskPasswordOf(String node) {
		return "demo-" + node.replace("-", "").toLowerCase(Locale.ROOT);
	}

	private String borderLines() {
		StringBuilder lines = new StringBuilder("\nAcross the borders, each country on its own cluster:");
		this.clusterOfNode.values()
			.stream()
			.filter((cluster) -> !VIETNAM.equals(cluster.country()))
			.distinct()
			.forEach((cluster) -> lines.append("\n  ")
				.append(cluster.country())
				.append(" cluster at ")
				.append(cluster.broker().bootstrapServers())
				.append(" (operator settings in ")
				.append(this.data
					.resolve(StackKafkaUsers.operatorClientFile("-" + cluster.country().toLowerCase(Locale.ROOT))))
				.append(")"));
		this.linkSettings.forEach((country, settings) -> lines.append("\n  Border links into ")
			.append(country)
			.append(" from ")
			.append(String.join(", ", partnerCountriesOf(country)))
			.append("   MirrorMaker of ")
			.append(country)
			.append(", metrics http://localhost:")
			.append(this.border.linkMetricsOf(country))
			.append("/metrics"));
		return lines.toString();
	}

	/** The countries the MirrorMaker of {@code country} pulls from. */
	private List<String> partnerCountriesOf(String country) {
		return this.clusterOfNode.values()
			.stream()
			.filter((cluster) -> cluster.country().equals(country))
			.findFirst()
			.orElseThrow()
			.partnersAbroad();
	}

	/**
	 * The broker a node connects to, the country that runs it, the principals of that
	 * broker, and the countries whose clusters its cluster's nodes reach through a border
	 * link.
	 */
	private record NodeCluster(String country, LocalKafkaBroker broker, StackKafkaUsers users,
			List<String> partnersAbroad) {
	}

	/**
	 * Stops the nodes first, then the border links, the registry and the brokers they
	 * depend on.
	 */
	@Override
	public synchronized void close() {
		List<String> started = new ArrayList<>(this.nodes.keySet());
		for (int i = started.size() - 1; i >= 0; i--) {
			try {
				this.nodes.remove(started.get(i)).close();
			}
			catch (RuntimeException ex) {
				log.warn("Could not stop node {} cleanly", started.get(i), ex);
			}
		}
		for (MirrorMakerProcess mirrorMaker : this.mirrorMakers.values()) {
			mirrorMaker.close();
		}
		this.mirrorMakers.clear();
		for (int i = this.running.size() - 1; i >= 0; i--) {
			try {
				this.running.get(i).close();
			}
			catch (Exception ex) {
				log.warn("Could not stop {} cleanly", this.running.get(i), ex);
			}
		}
		this.running.clear();
	}

}
