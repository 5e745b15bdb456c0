package mekong.exchange.core.border;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;

/**
 * The settings of the MirrorMaker 2 a country runs at home, in dedicated mode (Apache
 * Kafka's {@code MirrorMaker}, started with {@code --clusters <home>}): one flow, from
 * the partner country's cluster to the home cluster, of the topics
 * {@link BorderCrossing#arriving addressed to the home nodes}, under the same names
 * ({@code IdentityReplicationPolicy}).
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
	 * The settings of the MirrorMaker of {@code home}, pulling from {@code partner} what
	 * is addressed to {@code homeNodes}.
	 * @param homeNodes the nodes that run on the home cluster
	 * @param replicationFactor of the topics MirrorMaker creates on the home cluster (its
	 * internal topics, and mirrored topics no node created yet)
	 * @param tuning further settings, e.g. how often to look for new topics; they win
	 */
	public static Map<String, String> of(CountryCluster home, Collection<NodeId> homeNodes, CountryCluster partner,
			Collection<? extends Collection<NodeId>> agreements, String restListener, int replicationFactor,
			Map<String, String> tuning) {
		String flow = partner.country() + "->" + home.country();
		Map<String, String> settings = new TreeMap<>();
		settings.put("clusters", home.country() + "," + partner.country());
		home.login().forEach((name, value) -> settings.put(home.country() + "." + name, String.valueOf(value)));
		partner.login().forEach((name, value) -> settings.put(partner.country() + "." + name, String.valueOf(value)));
		settings.put(flow + ".enabled", "true");
		settings.put(home.country() + "->" + partner.country() + ".enabled", "false");
		settings.put(flow + ".topics",
				BorderCrossing.arriving(homeNodes, agreements)
					.getOrDefault(partner.country(), Set.of())
					.stream()
					.map(Topic::name)
					.map(Pattern::quote)
					.collect(Collectors.joining(",")));
		settings.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
		settings.put(home.country() + ".exactly.once.source.support", "enabled");
		settings.put(partner.country() + ".consumer.isolation.level", "read_committed");
		settings.put("offset-syncs.topic.location", "target");
		settings.put("emit.heartbeats.enabled", "false");
		settings.put("emit.checkpoints.enabled", "false");
		settings.put("sync.group.offsets.enabled", "false");
		settings.put("sync.topic.configs.enabled", "false");
		settings.put("sync.topic.acls.enabled", "false");
		settings.put("dedicated.mode.enable.internal.rest", "true");
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
