package mekong.exchange.boot.kafka;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import mekong.exchange.core.registry.RegistryClientSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.validation.annotation.Validated;

/**
 * Where the schema registry is.
 *
 * @param url base URL of a Confluent-compatible registry API, e.g.
 * http://localhost:8081/apis/ccompat/v7
 * @param userInfo {@code user:password} for HTTP Basic, from the environment; none by
 * default
 * @param timeout connect and request timeout of each call
 * @param maxRetries retries of a call after a timeout, an unreachable registry or a 5xx
 * answer
 * @param startupTimeout how long start-up keeps trying to register the node's schemas
 * before it fails
 * @param sslBundle the Spring Boot SSL bundle whose trust store the node trusts the
 * registry with over HTTPS ({@code spring.ssl.bundle.pem.<name>.truststore.*}); none: the
 * Java runtime's default
 */
@ConfigurationProperties("mekong.registry")
@Validated
public record RegistryProperties(@NotBlank String url, String userInfo, @NotNull Duration timeout,
		@Min(0) int maxRetries, @NotNull Duration startupTimeout, String sslBundle) {

	/** Whom the node trusts at the registry over HTTPS; null: the runtime's default. */
	public SSLContext tls(ObjectProvider<SslBundles> bundles) {
		return (this.sslBundle != null && !this.sslBundle.isBlank())
				? bundles.getObject().getBundle(this.sslBundle).createSslContext() : null;
	}

	/**
	 * How the node's registry client calls: this node's settings, Confluent's defaults.
	 */
	public RegistryClientSettings clientSettings() {
		RegistryClientSettings defaults = RegistryClientSettings.of(this.url, this.timeout);
		return new RegistryClientSettings(this.url,
				(this.userInfo != null && !this.userInfo.isBlank()) ? this.userInfo : null, this.timeout,
				this.maxRetries, defaults.retryWait(), defaults.retryMaxWait(), defaults.cacheCapacity());
	}

	@Override
	public String toString() {
		return "RegistryProperties[url=" + this.url + ", userInfo=" + ((this.userInfo != null) ? "******" : null)
				+ ", timeout=" + this.timeout + ", maxRetries=" + this.maxRetries + ", startupTimeout="
				+ this.startupTimeout + ", sslBundle=" + this.sslBundle + "]";
	}

}
