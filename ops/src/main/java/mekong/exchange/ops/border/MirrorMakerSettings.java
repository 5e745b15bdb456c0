package mekong.exchange.ops.border;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;

/**
 * The settings of the MirrorMaker 2 a country runs at home, in dedicated mode (Apache
 * Kafka's {@code MirrorMaker}, started with {@code --clusters <home>}): one flow from
 * each partner country's cluster to the home cluster, of the topics
 * {@link BorderCrossing#arriving addressed to the home nodes} from that country, under
 * the same names ({@code IdentityReplicationPolicy}). Nothing flows between two partners
 * (Vietnam's MirrorMaker pulls from Laos and from Cambodia, never from one to the other),
 * nor from home to a partner: each partner pulls home itself.
 * <ul>
 * <li>Exactly once: the home cluster's worker runs its source tasks with
 * {@code exactly.once.source.support=enabled} (KIP-618: each batch of records and the
 * source offsets it reached are committed in one transaction on the home cluster), and
 * reads the partner's cluster {@code read_committed}, so a router's aborted transaction
 * never crosses.</li>
 * <li>Nothing is written on the partner's cluster: offset syncs are kept on the home
 * cluster ({@code offset-syncs.topic.location=target}); no heartbeats, checkpoints,
 * consumer group, topic settings or ACLs are synchronised: each country keeps its own
 * retention and principals.</li>
 * <li>Its internal REST API (needed by exactly-once source tasks to hand over task
 * settings) listens on {@code restListener}.</li>
 * </ul>
 */
public final class MirrorMakerSettings {

	private MirrorMakerSettings() {
	}

	static final String PLUGIN_DISCOVERY = "plugin.discovery";

	static final String SERVICE_LOAD = "service_load";

	/** Kafka's config provider that reads MirrorMaker's own environment variables. */
	static final String ENVIRONMENT_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";

	/**
	 * {@code settings} in which each setting {@code variables} names (e.g.
	 * {@code VN.sasl.jaas.config}) is not written out but taken by MirrorMaker, when it
	 * starts, from the environment variable named with it (Kafka's
	 * {@code EnvVarConfigProvider}): a settings file without passwords, whatever its
	 * permissions.
	 */
	public static Map<String, String> withValuesFromEnvironment(Map<String, String> settings,
			Map<String, String> variables) {
		if (variables.isEmpty()) {
			return settings;
		}
		Map<String, String> referring = new TreeMap<>(settings);
		referring.put("config.providers", "env");
		referring.put("config.providers.env.class", ENVIRONMENT_PROVIDER);
		variables.forEach((setting, variable) -> referring.put(setting, "${env:" + variable + "}"));
		return referring;
	}

	/**
	 * A country's Kafka cluster as its MirrorMaker sees it.
	 *
	 * @param country the cluster's alias in MirrorMaker's settings, the ISO 3166-1 code
	 * @param login the client settings MirrorMaker connects to it with (bootstrap
	 * servers, TLS, SASL login as {@link BorderCrossing#mirrorUsernameOf} the home
	 * country)
	 */
	public record CountryCluster(String country, Map<String, ?> login) {
	}

	/**
	 * The settings of the MirrorMaker of {@code home}, pulling from each of
	 * {@code partners} what is addressed to {@code homeNodes}.
	 * @param homeNodes the nodes that run on the home cluster
	 * @param partners the clusters of the countries whose nodes have agreements with the
	 * home nodes
	 * @param replicationFactor of the topics MirrorMaker creates on the home cluster (its
	 * internal topics, and mirrored topics no node created yet)
	 * @param tuning further settings, e.g. how often to look for new topics; they win
	 */
	public static Map<String, String> of(CountryCluster home, Collection<NodeId> homeNodes,
			List<CountryCluster> partners, Collection<? extends Collection<NodeId>> agreements, String restListener,
			int replicationFactor, Map<String, String> tuning) {
		if (partners.isEmpty()) {
			throw new IllegalArgumentException("The MirrorMaker of " + home.country() + " has no partner to pull from");
		}
		Map<String, Set<Topic<String, ?>>> arriving = BorderCrossing.arriving(homeNodes, agreements);
		Map<String, String> settings = new TreeMap<>();
		List<CountryCluster> clusters = new ArrayList<>();
		clusters.add(home);
		clusters.addAll(partners);
		settings.put("clusters", clusters.stream().map(CountryCluster::country).collect(Collectors.joining(",")));
		for (CountryCluster cluster : clusters) {
			cluster.login()
				.forEach((name, value) -> settings.put(cluster.country() + "." + name, String.valueOf(value)));
			for (CountryCluster other : clusters) {
				if (other != cluster) {
					settings.put(cluster.country() + "->" + other.country() + ".enabled",
							String.valueOf(other == home));
				}
			}
		}
		for (CountryCluster partner : partners) {
			settings.put(partner.country() + "->" + home.country() + ".topics",
					arriving.getOrDefault(partner.country(), Set.of())
						.stream()
						.map(Topic::name)
						.map(Pattern::quote)
						.collect(Collectors.joining(",")));
			settings.put(partner.country() + ".consumer.isolation.level", "read_committed");
		}
		settings.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
		settings.put(home.country() + ".exactly.once.source.support", "enabled");
		settings.put("offset-syncs.topic.location", "target");
		settings.put("emit.heartbeats.enabled", "false");
		settings.put("emit.checkpoints.enabled", "false");
		settings.put("sync.group.offsets.enabled", "false");
		settings.put("sync.topic.configs.enabled", "false");
		settings.put("sync.topic.acls.enabled", "false");
		settings.put("dedicated.mode.enable.internal.rest", "true");
		// Kafka Connect finds its plugins through their ServiceLoader manifests only
		// (KIP-898), not by reading every class on the class path: that took 7 to 13 s at
		// each of a MirrorMaker's scans, one for its settings and one per flow, whose
		// worker takes the setting from its target, the home cluster.
		settings.put(PLUGIN_DISCOVERY, SERVICE_LOAD);
		settings.put(home.country() + "." + PLUGIN_DISCOVERY, SERVICE_LOAD);
		settings.put("listeners", restListener);
		String replicas = String.valueOf(replicationFactor);
		for (String topic : new String[] { "replication.factor", "offset-syncs.topic.replication.factor",
				"config.storage.replication.factor", "offset.storage.replication.factor",
				"status.storage.replication.factor" }) {
			settings.put(topic, replicas);
		}
		settings.putAll(tuning);
		return settings;
	}

}
