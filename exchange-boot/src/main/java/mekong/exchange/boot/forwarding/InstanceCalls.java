package mekong.exchange.boot.forwarding;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.streams.state.HostInfo;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The clients with which one instance of a node calls another's desk API: one JDK
 * {@link HttpClient} with {@value #THREADS} threads of its own, under Spring's
 * {@link RestClient} for calls and {@link WebClient} for server-sent events, which it
 * follows without a thread each. Over HTTPS when the desk API is (its SSL bundle, whose
 * trust store then says which certificates of the other instances to trust, the JDK's
 * authorities if it has none; the certificates must name the hosts the instances
 * advertise), with the desk's credentials on every call.
 */
final class InstanceCalls implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(15);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final int THREADS = 4;

	private final ExecutorService threads;

	private final String scheme;

	private final RestClient calls;

	private final WebClient events;

	private final DeskCredentials credentials;

	/**
	 * @param tls the desk API's SSL bundle, null if it speaks plain HTTP
	 */
	InstanceCalls(SslBundle tls, DeskCredentials credentials) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("instance-calls-");
		threadFactory.setDaemon(true);
		this.threads = Executors.newFixedThreadPool(THREADS, threadFactory);
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(this.threads);
		if (tls != null) {
			http.sslContext(tls.createSslContext());
		}
		HttpClient client = http.build();
		this.scheme = (tls != null) ? "https" : "http";
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(TIMEOUT);
		this.calls = RestClient.builder().requestFactory(requests).requestInterceptor(credentials).build();
		this.events = WebClient.builder().clientConnector(new JdkClientHttpConnector(client)).build();
		this.credentials = credentials;
	}

	/** For calls; each carries the desk's credentials. */
	RestClient calls() {
		return this.calls;
	}

	/** For server-sent events; each call takes its {@link #authorization()}. */
	WebClient events() {
		return this.events;
	}

	/** The desk's {@code Authorization}, taken on the thread that answers its call. */
	String authorization() {
		return this.credentials.authorization();
	}

	/** The address of {@code target} (path and query, encoded) on {@code instance}. */
	URI uri(HostInfo instance, String target) {
		return URI.create(this.scheme + "://" + instance.host() + ":" + instance.port() + target);
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

}
