package mekong.exchange.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.infra.IdentityProviderProcess;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.producer.routing.PartnerInboxCheck;
import mekong.exchange.testing.FreePorts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * Son La (VN-05) and Houaphan (LA-HO) as two real node processes' worth of Spring
 * contexts, on a real KRaft broker and a real registry, with the agreement of the local
 * stack: drugs, weapons and fugitives, 2023 to 2027. Desks call with bearer tokens, as in
 * production: signed by {@link TestTokens}, or issued by a real identity provider
 * ({@link #withIdentityProvider}).
 * <p>
 * A test class declares them as an extension, {@code @RegisterExtension static final
 * TwoNodes nodes = TwoNodes.plain(…)}, and they run for its tests; a test that starts and
 * stops them itself calls {@link #start} and {@link #close}.
 */
final class TwoNodes implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	static final String SON_LA = "VN-05";

	static final String HOUAPHAN = "LA-HO";

	/** The desk accounts: username, password (at the identity provider), node, desk. */
	static final String[][] ACCOUNTS = { { "desk.vn05", "demo-vn05", SON_LA, "son-la-hotline" },
			{ "desk.laho", "demo-laho", HOUAPHAN, "houaphan-hotline" },
			{ "desk.laho.night", "demo-laho-night", HOUAPHAN, "houaphan-night-desk" },
			{ "chief.vn05", "demo-chief-vn05", SON_LA, "son-la-command", "supervisor" } };

	/**
	 * The agreements both nodes route by: Son La and Houaphan (drugs, weapons, fugitives,
	 * 2023 to 2027), Houaphan and Luang Prabang (drugs, 2024 to 2028).
	 */
	static final List<String> AGREEMENTS = List.of("--mekong.routing.agreements[0].id=VN-05~LA-HO/2023",
			"--mekong.routing.agreements[0].parties=VN-05,LA-HO",
			"--mekong.routing.agreements[0].valid-from=2023-01-01",
			"--mekong.routing.agreements[0].valid-to=2027-12-31",
			"--mekong.routing.agreements[0].categories=DRUG_TRAFFICKING,WEAPONS,WANTED_FUGITIVE",
			"--mekong.routing.agreements[0].highest-tlp=AMBER_STRICT",
			"--mekong.routing.agreements[1].id=LA-HO~LA-LP/2024", "--mekong.routing.agreements[1].parties=LA-HO,LA-LP",
			"--mekong.routing.agreements[1].valid-from=2024-01-01",
			"--mekong.routing.agreements[1].valid-to=2028-12-31",
			"--mekong.routing.agreements[1].categories=DRUG_TRAFFICKING",
			"--mekong.routing.agreements[1].highest-tlp=AMBER");

	private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

	private final String registry;

	private final List<String> extraArguments;

	private final boolean withIdentityProvider;

	/** The clock of both nodes, null for the system's. */
	private final Clock clock;

	/**
	 * The test class whose extension these nodes are, null if a test starts them itself.
	 */
	private Class<?> classThatStartedThem;

	private Path data;

	LocalKafkaBroker broker;

	private IdentityProviderProcess identityProvider;

	private Function<String, String> deskTokens;

	/**
	 * What both nodes get on top of the usual settings: how desks log in, then the extra
	 * arguments.
	 */
	private final List<String> settings = new ArrayList<>();

	private Map<String, List<String>> nodeArguments = Map.of();

	private Map<String, Integer> deskPorts = Map.of();

	ConfigurableApplicationContext sonLa;

	ConfigurableApplicationContext houaphan;

	private TwoNodes(String registry, List<String> extraArguments, boolean withIdentityProvider, Clock clock) {
		this.registry = registry;
		this.extraArguments = extraArguments;
		this.withIdentityProvider = withIdentityProvider;
		this.clock = clock;
	}

	/**
	 * Desks send tokens of {@link TestTokens}.
	 * @param extraArguments settings both nodes get on top of the usual ones
	 */
	static TwoNodes plain(String... extraArguments) {
		return new TwoNodes(SharedSchemaRegistry.url(), List.of(extraArguments), false, null);
	}

	/**
	 * Desk officers log in to the console through a real OpenID Connect provider
	 * ({@code identity-provider}, in a process of its own), and desks' systems get their
	 * tokens there, as in production.
	 */
	static TwoNodes withIdentityProvider(String... extraArguments) {
		return new TwoNodes(SharedSchemaRegistry.url(), List.of(extraArguments), true, null);
	}

	/**
	 * Desks send tokens of {@link TestTokens}; both nodes read the time from
	 * {@code clock}, which the test moves (agreements end, alerts expire); Kafka, the
	 * tokens and the wall-clock punctuators keep the system's.
	 */
	static TwoNodes withClock(Clock clock, String... extraArguments) {
		return new TwoNodes(SharedSchemaRegistry.url(), List.of(extraArguments), false, clock);
	}

	/**
	 * Desks send tokens of {@link TestTokens}; both nodes use {@code registry}.
	 */
	static TwoNodes withRegistry(String registry) {
		return new TwoNodes(registry, List.of(), false, null);
	}

	/**
	 * As an extension of a test class ({@code @RegisterExtension static final}): the
	 * nodes start before its tests, in a folder of their own, and stop after them. Its
	 * {@code @Nested} classes use the same nodes.
	 */
	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		if (this.classThatStartedThem == null) {
			this.classThatStartedThem = context.getRequiredTestClass();
			start(Files.createTempDirectory("two-nodes-"));
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (context.getRequiredTestClass() == this.classThatStartedThem) {
			this.classThatStartedThem = null;
			close();
			FileSystemUtils.deleteRecursively(this.data);
		}
	}

	/**
	 * Starts the broker, the identity provider if any, and both nodes, in {@code data}.
	 */
	TwoNodes start(Path data) {
		this.data = data;
		this.settings.clear();
		if (this.withIdentityProvider) {
			startIdentityProvider(data);
		}
		else {
			this.deskTokens = reused(TestTokens::deskToken);
			this.settings.addAll(TestTokens.nodeArguments());
		}
		this.settings.addAll(this.extraArguments);
		this.broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
		this.sonLa = start(SON_LA);
		this.houaphan = start(HOUAPHAN);
		awaitEachOthersInbox();
		return this;
	}

	private void startIdentityProvider(Path data) {
		this.deskPorts = Map.of(SON_LA, FreePorts.next(), HOUAPHAN, FreePorts.next());
		Map<String, IdentityProviderProcess.Console> consoles = new LinkedHashMap<>();
		this.deskPorts.forEach((node, port) -> consoles.put(node, new IdentityProviderProcess.Console("console-" + node,
				"secret-of-" + node, "http://localhost:" + port)));
		List<IdentityProviderProcess.Desk> desks = Stream.of(ACCOUNTS)
			.map((account) -> new IdentityProviderProcess.Desk(account[0], "{noop}" + account[1], account[2],
					account[3], List.of(account).subList(4, account.length)))
			.toList();
		IdentityProviderProcess identity = IdentityProviderProcess.start(data.resolve("identity"), FreePorts.next(),
				desks, List.copyOf(consoles.values()), Duration.ofSeconds(90));
		this.identityProvider = identity;
		Map<String, List<String>> arguments = new LinkedHashMap<>();
		consoles.forEach((node, console) -> arguments.put(node, identity.nodeArguments(console)));
		this.nodeArguments = arguments;
		Map<String, String> passwords = Stream.of(ACCOUNTS)
			.collect(Collectors.toMap((account) -> account[0], (account) -> account[1]));
		this.deskTokens = reused((username) -> identity.deskToken(username, passwords.get(username)));
	}

	/**
	 * Waits until each node's router can write the other's inbox: Son La started before
	 * Houaphan's inbox existed, and refuses alerts for it until its next look, within a
	 * second.
	 */
	private void awaitEachOthersInbox() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.sonLa.getBean(PartnerInboxCheck.class).whyNotWritable(NodeId.of(HOUAPHAN)) == null
					&& this.houaphan.getBean(PartnerInboxCheck.class).whyNotWritable(NodeId.of(SON_LA)) == null);
	}

	/**
	 * Stops Son La's node and starts it again on the same broker, as after a crash or an
	 * upgrade.
	 */
	void restartSonLa() {
		this.sonLa.close();
		this.sonLa = start(SON_LA);
	}

	/**
	 * Another instance of Houaphan's node, {@code instance}, with a state folder of its
	 * own, sharing the node's partitions with the first: the caller closes it.
	 */
	ConfigurableApplicationContext startAnotherHouaphan(String instance) {
		return start(HOUAPHAN, instance, 0);
	}

	private ConfigurableApplicationContext start(String node) {
		return start(node, "1", this.deskPorts.getOrDefault(node, 0));
	}

	private ConfigurableApplicationContext start(String node, String instance, int deskPort) {
		List<String> args = new ArrayList<>(List.of("--mekong.node.id=" + node, "--mekong.node.instance=" + instance,
				"--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
				"--mekong.registry.url=" + this.registry, "--server.port=" + deskPort, "--management.server.port=0",
				"--mekong.streams.state-dir=" + this.data.resolve("streams").resolve(node + "-" + instance),
				"--mekong.streams.retry-interval=200ms"));
		args.addAll(AGREEMENTS);
		args.addAll(TestKeys.arguments(node));
		args.addAll(this.settings);
		args.addAll(this.nodeArguments.getOrDefault(node, List.of()));
		SpringApplication application = NodeApplication.application();
		if (this.clock != null) {
			application.addInitializers((context) -> context.getBeanFactory().registerSingleton("clock", this.clock));
		}
		return application.run(args.toArray(String[]::new));
	}

	DeskClient sonLaDesk() {
		return DeskClient.withBearer(urlOf(this.sonLa), deskToken("desk.vn05"));
	}

	DeskClient houaphanDesk() {
		return DeskClient.withBearer(urlOf(this.houaphan), deskToken("desk.laho"));
	}

	/** A token of desk account {@code username}, from where the nodes trust it. */
	String deskToken(String username) {
		return this.deskTokens.apply(username);
	}

	/**
	 * Each desk's token asked for once and used for two minutes, well within its
	 * lifetime: tests send thousands of requests.
	 */
	private static Function<String, String> reused(Function<String, String> deskTokens) {
		Map<String, Map.Entry<Instant, String>> held = new ConcurrentHashMap<>();
		return (username) -> held
			.compute(username, (name, token) -> (token != null && token.getKey().isAfter(Instant.now())) ? token
					: Map.entry(Instant.now().plus(TOKEN_REUSE), deskTokens.apply(name)))
			.getValue();
	}

	/**
	 * Writes {@code record}, its value as bytes, to the nodes' broker, as a partner's or
	 * a broken system's client would, and waits until the broker has it.
	 */
	void write(ProducerRecord<String, byte[]> record) throws InterruptedException, ExecutionException {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(record).get();
		}
	}

	/** The identity provider the desks log in to, if the nodes have one. */
	IdentityProviderProcess identityProvider() {
		return this.identityProvider;
	}

	/**
	 * Creates the topics a node of its own would create, and registers its contract's
	 * subjects, for a partner that sends alerts without running a node in this test (its
	 * receiver's acknowledgements go to its acks topic, under its subject).
	 */
	void createTopicsOfAnotherNode(String node) {
		createTopicsOfAnotherNode(this.broker.bootstrapServers(), node);
		if (!this.registry.equals(SharedSchemaRegistry.url())) {
			registerContractOfAnotherNode(this.registry, node);
		}
	}

	/** The same, on the broker at {@code bootstrapServers} and the shared registry. */
	static void createTopicsOfAnotherNode(String bootstrapServers, String node) {
		createTopicsOfAnotherNode(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				node, 1);
	}

	/**
	 * Registers the value schema of each topic of {@code node} at {@code registry}, as
	 * the node does at start-up: a node only looks up the subjects of its partners.
	 */
	static void registerContractOfAnotherNode(String registry, String node) {
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry, Duration.ofSeconds(10));
		for (Topic<String, ?> topic : Topics.ownedBy(NodeId.of(node))) {
			if (SpecificRecord.class.isAssignableFrom(topic.valueType())) {
				client.register(topic.valueSubject(), SpecificData.get().getSchema(topic.valueType()));
			}
		}
	}

	/**
	 * The same, logged in with {@code adminSettings}, each topic with {@code partitions}.
	 */
	static void createTopicsOfAnotherNode(Map<String, Object> adminSettings, String node, int partitions) {
		registerContractOfAnotherNode(SharedSchemaRegistry.url(), node);
		try (Admin admin = Admin.create(adminSettings)) {
			Set<String> existing = admin.listTopics().names().get();
			admin
				.createTopics(Topics.ownedBy(NodeId.of(node))
					.stream()
					.filter((topic) -> !existing.contains(topic.name()))
					.map((topic) -> new NewTopic(topic.name(), partitions, (short) 1))
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
		return DeskClient.anonymous("http://localhost:" + node.getEnvironment().getProperty("local.management.port"));
	}

	/** Desk account {@code username} at Son La, whichever node it acts for. */
	DeskClient atSonLa(String username) {
		return DeskClient.withBearer(urlOf(this.sonLa), deskToken(username));
	}

	static String urlOf(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	@Override
	public void close() {
		for (AutoCloseable started : Arrays.asList(this.houaphan, this.sonLa, this.broker, this.identityProvider)) {
			if (started != null) {
				try {
					started.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not stop " + started, ex);
				}
			}
		}
	}

}
