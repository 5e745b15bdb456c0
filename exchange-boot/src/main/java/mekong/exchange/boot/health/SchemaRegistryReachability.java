package mekong.exchange.boot.health;

import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up while the schema registry answers; part of readiness, since a node that cannot reach
 * it cannot write a record of a schema it has not cached yet, nor read one.
 */
class SchemaRegistryReachability implements HealthIndicator {

	private final SchemaRegistryClient registry;

	/**
	 * @param registry a client that does not retry, so that the health check answers
	 * quickly
	 */
	SchemaRegistryReachability(SchemaRegistryClient registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		try {
			return Health.up().withDetail("compatibility", this.registry.compatibility(null)).build();
		}
		catch (SchemaRegistryException ex) {
			return Health.down()
				.withDetail("error",
						(ex.errorCode() == -1) ? "the registry did not answer"
								: "the registry answered with error " + ex.errorCode())
				.build();
		}
	}

}
