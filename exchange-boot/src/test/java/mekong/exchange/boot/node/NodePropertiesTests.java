package mekong.exchange.boot.node;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's time zone is its country's, unless its configuration names another. */
class NodePropertiesTests {

	final ApplicationContextRunner node = new ApplicationContextRunner().withUserConfiguration(Node.class);

	@Test
	void aNodeKeepsTheTimeOfItsCountry() {
		assertTimeZone("Asia/Ho_Chi_Minh", "mekong.node.id=VN-05");
		assertTimeZone("Asia/Vientiane", "mekong.node.id=LA-HO");
		assertTimeZone("Asia/Phnom_Penh", "mekong.node.id=KH-20");
		assertTimeZone("Asia/Phnom_Penh", "mekong.node.id=KH");
	}

	@Test
	void theConfigurationMayNameAnotherTimeZone() {
		assertTimeZone("Asia/Bangkok", "mekong.node.id=KH-20", "mekong.node.time-zone=Asia/Bangkok");
	}

	private void assertTimeZone(String expected, String... properties) {
		this.node.withPropertyValues(properties)
			.run((context) -> assertThat(context.getBean(NodeProperties.class).timeZone()).as(properties[0])
				.isEqualTo(ZoneId.of(expected)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NodeProperties.class)
	static class Node {

	}

}
