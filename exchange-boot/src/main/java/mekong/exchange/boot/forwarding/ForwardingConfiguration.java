package mekong.exchange.boot.forwarding;

import mekong.exchange.boot.security.DeskProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * How desk calls reach the instance, or the side, of the node that answers them: one
 * address per node, whichever instance or process a desk reaches.
 */
@AutoConfiguration
class ForwardingConfiguration {

	private static final String API = "/api/**";

	/**
	 * How the node's instances call each other's desk API: over HTTPS when it is, with
	 * the desk's own credentials.
	 */
	@Bean
	InstanceCalls instanceCalls(ServerProperties server, SslBundles bundles,
			ObjectProvider<OAuth2AuthorizedClientManager> consoleLogins) {
		SslBundle tls = Ssl.isEnabled(server.getSsl()) ? WebServerSslBundle.get(server.getSsl(), bundles) : null;
		return new InstanceCalls(tls, new DeskCredentials(consoleLogins));
	}

	/** Passes desk calls on to the instance of the node that holds what they ask for. */
	@Bean
	InstanceForwarding instanceForwarding(InstanceCalls calls, JsonMapper json) {
		return new InstanceForwarding(calls, json);
	}

	/** Calls about one alert go to the instance that holds it ({@link HeldBy}). */
	@Bean
	WebMvcConfigurer passOnToHolder(InstanceForwarding forwarding, BeanFactory beans) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new PassOnToHolder(forwarding, beans)).addPathPatterns(API);
			}

		};
	}

	/**
	 * Where the node's two sides run in two processes, each passes the calls the other
	 * answers on to it, once Spring Security has let the desk in.
	 */
	@Bean
	@ConditionalOnProperty("mekong.desk.other-side")
	FilterRegistrationBean<OtherSidePassOn> otherSidePassOn(DeskProperties desk, InstanceForwarding forwarding,
			InstanceCalls calls, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
		FilterRegistrationBean<OtherSidePassOn> registration = new FilterRegistrationBean<>(
				new OtherSidePassOn(desk.otherSide(), forwarding, calls, handlers));
		registration.addUrlPatterns(OtherSidePassOn.API + "*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

}
