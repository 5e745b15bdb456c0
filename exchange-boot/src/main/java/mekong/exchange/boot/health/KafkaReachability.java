package mekong.exchange.boot.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up while the Kafka cluster answers within the timeout; part of readiness, so a node cut
 * off stops taking traffic.
 */
class KafkaReachability implements HealthIndicator, DisposableBean {

	private final Admin admin;

	private final Duration timeout;

	KafkaReachability(Map<String, Object> adminConfig, Duration timeout) {
		Map<String, Object> config = new HashMap<>(adminConfig);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "mekong-health");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.admin = Admin.create(config);
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		try {
			String clusterId = this.admin
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()))
				.clusterId()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return Health.up().withDetail("clusterId", clusterId).build();
		}
		catch (ExecutionException | TimeoutException ex) {
			return Health.down()
				.withDetail("error", "Kafka did not answer within " + this.timeout.toMillis() + " ms")
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
