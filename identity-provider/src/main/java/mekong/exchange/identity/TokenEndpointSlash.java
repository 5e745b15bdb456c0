package mekong.exchange.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Apicurio Registry asks for a node's token (HTTP Basic exchanged with the client
 * credentials grant) at the token endpoint it is given with a slash appended, and Spring
 * Authorization Server answers at the exact path only. A request to the token endpoint
 * with that slash is served as one to the token endpoint.
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpointSlash {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> tokenEndpointWithTrailingSlash(AuthorizationServerSettings settings) {
		String endpoint = settings.getTokenEndpoint();
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						chain.doFilter(new WithoutTrailingSlash(request), response);
					}

				});
		registration.addUrlPatterns(endpoint + "/");
		// Before Spring Security's filter chain, which matches the exact path.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	private static final class WithoutTrailingSlash extends HttpServletRequestWrapper {

		WithoutTrailingSlash(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getRequestURI() {
			return withoutSlash(super.getRequestURI());
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(withoutSlash(super.getRequestURL().toString()));
		}

		@Override
		public String getServletPath() {
			return withoutSlash(super.getServletPath());
		}

		private static String withoutSlash(String path) {
			return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		}

	}

}
