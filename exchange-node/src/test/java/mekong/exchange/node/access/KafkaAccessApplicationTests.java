package mekong.exchange.node.access;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The init step of a cluster, run as compose runs it (settings from its properties) on a
 * real broker that authorizes with ACLs.
 */
class KafkaAccessApplicationTests {

	@TempDir
	static Path data;

	static LocalKafkaBroker broker;

	@BeforeAll
	static void startSecuredBroker() {
		broker = LocalKafkaBroker.startSecured(data, FreePorts.next(), FreePorts.next());
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void grantsEachNodeTheAclsOfItsAgreementsAndChangesNothingTheSecondTime() throws Exception {
		List<String> settings = settings("VN-05", "password-of-son-la-1");
		run(settings);
		List<AclBinding> granted = acls();
		assertThat(granted).containsExactlyInAnyOrderElementsOf(expected());

		run(settings);
		assertThat(acls()).containsExactlyInAnyOrderElementsOf(granted);
	}

	@Test
	void refusesAPlaceholderPasswordBeforeItTouchesTheCluster() {
		assertThatException().isThrownBy(() -> run(settings("VN-05", "REPLACE-ME")))
			.withStackTraceContaining("mekong.kafka-access.nodes[0].password")
			.withStackTraceContaining("at least 16 characters");
	}

	private static List<AclBinding> expected() {
		List<AclBinding> expected = new ArrayList<>(
				KafkaAccess.ofNode(NodeId.of("VN-05"), List.of(NodeId.of("LA-HO"))));
		expected.addAll(KafkaAccess.ofNode(NodeId.of("LA-HO"), List.of(NodeId.of("VN-05"))));
		expected.addAll(KafkaAccess.ofOperator("operator"));
		return expected;
	}

	private static List<String> settings(String firstNode, String itsPassword) {
		List<String> settings = new ArrayList<>(List.of("mekong.kafka-access.nodes[0].node=" + firstNode,
				"mekong.kafka-access.nodes[0].password=" + itsPassword, "mekong.kafka-access.nodes[1].node=LA-HO",
				"mekong.kafka-access.nodes[1].password=password-of-houaphan-1",
				"mekong.kafka-access.operators[0].username=operator",
				"mekong.kafka-access.operators[0].password=password-of-operator-1",
				"mekong.routing.agreements[0].id=VN-05~LA-HO/2023", "mekong.routing.agreements[0].parties=VN-05,LA-HO",
				"mekong.routing.agreements[0].valid-from=2023-01-01"));
		broker.adminSettings().forEach((name, value) -> settings.add("spring.kafka.properties." + name + "=" + value));
		return settings;
	}

	private static void run(Collection<String> settings) {
		new SpringApplicationBuilder(KafkaAccessApplication.class).web(WebApplicationType.NONE)
			.properties(settings.toArray(String[]::new))
			.run()
			.close();
	}

	private static List<AclBinding> acls() throws Exception {
		try (Admin admin = Admin.create(broker.adminSettings())) {
			return List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get());
		}
	}

}
