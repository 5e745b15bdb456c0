package mekong.exchange.ops.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.core.agreements.Partners;
import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.ops.access.KafkaAccessGrant.TopicLayout;
import mekong.exchange.ops.access.KafkaAccessGrant;
import mekong.exchange.ops.access.LegacyStreamsNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * The init step of a cluster the exchange runs on (the {@code kafka-access} service of
 * {@code docker-compose.yml}): logs in as the cluster's administrator
 * ({@code spring.kafka.*}, as the nodes configure their clients), gives each node and
 * operator of {@code mekong.kafka-access} its SCRAM credentials and the ACLs of the
 * agreements in {@code mekong.routing.agreements}, and exits. Where each country runs its
 * own cluster, it lists only the nodes of this one, gives the MirrorMakers of
 * {@code mekong.kafka-access.mirrors} their access and creates the topics leaving for
 * partners abroad ({@code mekong.topics} layout). It moves the nodes' Kafka Streams state
 * from its names before December 2026 ({@link LegacyStreamsNames}), so it must run before
 * the nodes start. It first waits for the cluster to answer
 * ({@code mekong.kafka-access.broker-wait}). Running it again changes nothing but
 * passwords that changed. It is in the node's image: started with
 * {@code LOADER_MAIN=mekong.exchange.ops.access.KafkaAccessApplication}.
 */
@SpringBootConfiguration
@EnableConfigurationProperties({ KafkaAccessProperties.class, AgreementParties.class, KafkaProperties.class,
		TopicProperties.class })
public class KafkaAccessApplication {

	private static final Logger log = LoggerFactory.getLogger(KafkaAccessApplication.class);

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(KafkaAccessApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		System.exit(SpringApplication.exit(application.run(args)));
	}

	@Bean
	ApplicationRunner grantKafkaAccess(KafkaAccessProperties access, AgreementParties agreements, KafkaProperties kafka,
			TopicProperties topics) {
		return (arguments) -> {
			Map<NodeId, String> nodes = new TreeMap<>();
			access.nodes().forEach((login) -> nodes.put(login.node(), login.password()));
			Map<String, String> operators = new LinkedHashMap<>();
			access.operators().forEach((login) -> operators.put(login.username(), login.password()));
			Map<String, String> mirrors = new TreeMap<>();
			access.mirrors().forEach((login) -> mirrors.put(login.country(), login.password()));
			Map<String, Object> administrator = kafka.buildAdminProperties();
			try (Admin admin = Admin.create(administrator)) {
				String cluster = admin
					.describeCluster(new DescribeClusterOptions().timeoutMs((int) access.brokerWait().toMillis()))
					.clusterId()
					.get();
				log.info("Kafka cluster {} answers", cluster);
				KafkaAccessGrant.grant(admin, nodes, operators, mirrors, agreements.parties(),
						new TopicLayout(topics.partitions(), topics.replicationFactor(), topics.retention()));
				List<String> moved = new LegacyStreamsNames(admin, administrator).move(nodes.keySet());
				if (!moved.isEmpty()) {
					log.info("Kafka Streams state moved from its old names {}", moved);
				}
			}
			log.info(
					"Kafka access granted: nodes {} (partners {}), operators {}, MirrorMakers of {}; topics leaving"
							+ " for other clusters: {}",
					nodes.keySet(), Partners.of(nodes.keySet(), agreements.parties()), operators.keySet(),
					mirrors.keySet(), BorderCrossing.leaving(nodes.keySet(), agreements.parties()));
		};
	}

}
