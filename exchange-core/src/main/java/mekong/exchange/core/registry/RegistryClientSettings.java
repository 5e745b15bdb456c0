package mekong.exchange.core.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a schema registry.
 *
 * @param url base URL, e.g. http://localhost:8081/apis/ccompat/v7
 * @param userInfo {@code user:password} for HTTP Basic, or null
 * @param timeout connect and request timeout of each call
 * @param maxRetries how often a call is retried after a timeout, an unreachable registry
 * or a 5xx answer (never after a 4xx, which would answer the same again)
 * @param retryWait the first pause between tries; it doubles up to {@code retryMaxWait}
 * @param cacheCapacity how many schemas and ids the client keeps
 */
public record RegistryClientSettings(String url, String userInfo, Duration timeout, int maxRetries, Duration retryWait,
		Duration retryMaxWait, int cacheCapacity) {

	public RegistryClientSettings {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(retryWait, "retryWait");
		Objects.requireNonNull(retryMaxWait, "retryMaxWait");
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative");
		}
	}

	/**
	 * Confluent's client defaults: 3 retries from 1 s, at most 20 s apart, 1,000 schemas
	 * kept.
	 */
	public static RegistryClientSettings of(String url, Duration timeout) {
		return new RegistryClientSettings(url, null, timeout, 3, Duration.ofSeconds(1), Duration.ofSeconds(20), 1000);
	}

	/** The same settings, calling as {@code userInfo} ({@code user:password}). */
	public RegistryClientSettings withUserInfo(String userInfo) {
		return new RegistryClientSettings(this.url, userInfo, this.timeout, this.maxRetries, this.retryWait,
				this.retryMaxWait, this.cacheCapacity);
	}

	@Override
	public String toString() {
		return "RegistryClientSettings[url=" + this.url + ", userInfo=" + ((this.userInfo != null) ? "******" : null)
				+ ", timeout=" + this.timeout + ", maxRetries=" + this.maxRetries + ", retryWait=" + this.retryWait
				+ ", retryMaxWait=" + this.retryMaxWait + ", cacheCapacity=" + this.cacheCapacity + "]";
	}

}
