package mekong.exchange.boot.kafka;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the schema registry is.
 *
 * @param url base URL of a Confluent-compatible registry API, e.g.
 * http://localhost:8081/apis/ccompat/v7
 * @param timeout connect and request timeout of each call
 * @param startupTimeout how long start-up keeps trying to register the node's schemas
 * before it fails
 */
@ConfigurationProperties("mekong.registry")
@Validated
record RegistryProperties(@NotBlank String url, @NotNull Duration timeout, @NotNull Duration startupTimeout) {
}
