package mekong.exchange.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.MirrorMakerProcess;
import mekong.exchange.ops.access.KafkaAccessGrant.TopicLayout;
import mekong.exchange.ops.access.KafkaAccessGrant;
import mekong.exchange.ops.border.MirrorMakerSettings.CountryCluster;
import mekong.exchange.ops.border.MirrorMakerSettings;
import mekong.exchange.testing.FreePorts;
import mekong.exchange.testing.SharedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Son La (VN-05) on a Vietnamese Kafka cluster and Houaphan (LA-HO) on a Lao one, each a
 * real KRaft broker with TLS, SASL/SCRAM and ACLs granted as the init step grants them,
 * bridged by each country's MirrorMaker 2 (Apache Kafka's, in a process of its own)
 * running at home and pulling what is addressed to its nodes. Son La also has an
 * agreement with Thanh Hoa (VN-21), which runs no node here but whose topics exist on the
 * Vietnamese cluster: what Son La sends it must never reach Laos.
 */
final class TwoCountries implements AutoCloseable {

	static final String VIETNAM = "VN";

	static final String LAOS = "LA";

	static final String THANH_HOA = "VN-21";

	private static final List<List<NodeId>> PARTIES = List.of(List.of(NodeId.of("VN-05"), NodeId.of("LA-HO")),
			List.of(NodeId.of("LA-HO"), NodeId.of("LA-LP")), List.of(NodeId.of("VN-05"), NodeId.of(THANH_HOA)));

	private static final List<String> THANH_HOA_AGREEMENT = List.of(
			"--mekong.routing.agreements[2].id=VN-05~VN-21/2024", "--mekong.routing.agreements[2].parties=VN-05,VN-21",
			"--mekong.routing.agreements[2].valid-from=2024-01-01",
			"--mekong.routing.agreements[2].valid-to=2028-12-31",
			"--mekong.routing.agreements[2].categories=DRUG_TRAFFICKING",
			"--mekong.routing.agreements[2].highest-tlp=AMBER");

	private static final int PARTITIONS = 3;

	final LocalKafkaBroker vietnam;

	final LocalKafkaBroker laos;

	private final Path data;

	private final Map<String, MirrorMakerProcess> mirrorMakers = new TreeMap<>();

	final ConfigurableApplicationContext sonLa;

	final ConfigurableApplicationContext houaphan;

	TwoCountries(Path data) {
		this.data = data;
		this.vietnam = LocalKafkaBroker.startSecured(data.resolve("kafka-vn"), FreePorts.next(), FreePorts.next());
		this.laos = LocalKafkaBroker.startSecured(data.resolve("kafka-la"), FreePorts.next(), FreePorts.next());
		grant(this.vietnam, List.of(TwoNodes.SON_LA, THANH_HOA));
		grant(this.laos, List.of(TwoNodes.HOUAPHAN));
		TwoNodes.createTopicsOfAnotherNode(this.vietnam.adminSettings(), THANH_HOA, PARTITIONS);
		this.sonLa = startNode(TwoNodes.SON_LA, this.vietnam);
		this.houaphan = startNode(TwoNodes.HOUAPHAN, this.laos);
		startMirrorMaker(LAOS);
		startMirrorMaker(VIETNAM);
	}

	/** The cluster of {@code country}. */
	LocalKafkaBroker clusterOf(String country) {
		return VIETNAM.equals(country) ? this.vietnam : this.laos;
	}

	/**
	 * Starts the MirrorMaker {@code country} runs at home, pulling from the other
	 * country's cluster; it resumes where it stopped.
	 */
	void startMirrorMaker(String country) {
		String partner = VIETNAM.equals(country) ? LAOS : VIETNAM;
		String username = BorderCrossing.mirrorUsernameOf(country);
		Map<String, String> settings = MirrorMakerSettings.of(
				new CountryCluster(country, clusterOf(country).clientSettings(username, passwordOf(username))),
				homeNodes(country),
				List.of(new CountryCluster(partner, clusterOf(partner).clientSettings(username, passwordOf(username)))),
				PARTIES, "http://localhost:" + FreePorts.next(), 1, Map.of("refresh.topics.interval.seconds", "5"));
		this.mirrorMakers.put(country, MirrorMakerProcess.start(this.data.resolve("mirror-maker-" + country), country,
				settings, FreePorts.next(), Duration.ofSeconds(90)));
	}

	/** Stops the MirrorMaker of {@code country} cleanly: the border link is down. */
	void stopMirrorMaker(String country) {
		this.mirrorMakers.remove(country).close();
	}

	/** Kills the MirrorMaker of {@code country} (SIGKILL) wherever it is. */
	void killMirrorMaker(String country) {
		this.mirrorMakers.remove(country).kill();
	}

	MirrorMakerProcess mirrorMakerOf(String country) {
		return this.mirrorMakers.get(country);
	}

	DeskClient sonLaDesk() {
		return DeskClient.withBearer(TwoNodes.urlOf(this.sonLa), TestTokens.deskToken("desk.vn05"));
	}

	DeskClient houaphanDesk() {
		return DeskClient.withBearer(TwoNodes.urlOf(this.houaphan), TestTokens.deskToken("desk.laho"));
	}

	private static Collection<NodeId> homeNodes(String country) {
		return VIETNAM.equals(country) ? List.of(NodeId.of(TwoNodes.SON_LA), NodeId.of(THANH_HOA))
				: List.of(NodeId.of(TwoNodes.HOUAPHAN));
	}

	private static void grant(LocalKafkaBroker cluster, List<String> nodes) {
		Map<NodeId, String> passwords = new TreeMap<>();
		nodes.forEach((node) -> passwords.put(NodeId.of(node), passwordOf(node)));
		try (Admin admin = Admin.create(cluster.adminSettings())) {
			KafkaAccessGrant.grant(admin, passwords, Map.of(),
					Map.of(VIETNAM, passwordOf(BorderCrossing.mirrorUsernameOf(VIETNAM)), LAOS,
							passwordOf(BorderCrossing.mirrorUsernameOf(LAOS))),
					PARTIES, new TopicLayout(PARTITIONS, (short) 1, Duration.ofDays(365)));
		}
	}

	private ConfigurableApplicationContext startNode(String node, LocalKafkaBroker cluster) {
		List<String> args = new ArrayList<>(
				List.of("--mekong.node.id=" + node, "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
						"--mekong.registry.url=" + SharedSchemaRegistry.url(), "--server.port=0",
						"--management.server.port=0", "--mekong.topics.partitions=" + PARTITIONS,
						"--mekong.streams.state-dir=" + this.data.resolve("streams").resolve(node),
						"--mekong.streams.retry-interval=200ms"));
		args.addAll(TwoNodes.AGREEMENTS);
		args.addAll(THANH_HOA_AGREEMENT);
		args.addAll(TestKeys.arguments(node));
		args.addAll(TestTokens.nodeArguments());
		args.add("--mekong.border.countries-abroad=" + (NodeId.of(node).country().equals(VIETNAM) ? LAOS : VIETNAM));
		cluster.clientSettings(KafkaAccess.usernameOf(NodeId.of(node)), passwordOf(node))
			.forEach((name, value) -> args.add("--spring.kafka.properties." + name + "=" + value));
		return NodeApplication.application().run(args.toArray(String[]::new));
	}

	static String passwordOf(String username) {
		return "password-of-" + username;
	}

	@Override
	public void close() {
		this.mirrorMakers.values().forEach(MirrorMakerProcess::close);
		this.houaphan.close();
		this.sonLa.close();
		this.laos.close();
		this.vietnam.close();
	}

}
