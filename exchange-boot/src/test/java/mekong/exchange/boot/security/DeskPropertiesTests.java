package mekong.exchange.boot.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The desk API's settings: their defaults, and values a node refuses to start with. */
class DeskPropertiesTests {

	final ApplicationContextRunner node = new ApplicationContextRunner().withUserConfiguration(Node.class);

	@Test
	void byDefaultBodiesUpTo256KbAndAHeartbeatEvery15Seconds() {
		this.node.run((context) -> {
			DeskProperties desk = context.getBean(DeskProperties.class);
			assertThat(desk.maxRequestBody()).isEqualTo(DataSize.ofKilobytes(256));
			assertThat(desk.eventStreamHeartbeat()).isEqualTo(Duration.ofSeconds(15));
			assertThat(desk.clients()).isEmpty();
		});
	}

	@Test
	void aNodeDoesNotStartWithoutAHeartbeatOrWithBodiesKafkaCannotTake() {
		assertRefused("mekong.desk.event-stream-heartbeat=0s",
				"mekong.desk.event-stream-heartbeat must be longer than zero");
		assertRefused("mekong.desk.max-request-body=1MB", "mekong.desk.max-request-body must be at most 768KB");
	}

	private void assertRefused(String setting, String message) {
		this.node.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DeskProperties.class)
	static class Node {

	}

}
