package mekong.exchange.boot.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a desk call another instance of the node passed on
 * ({@link InstanceForwarding}): as the desk it vouches for, or refused with 401 when the
 * code does not hold. Calls without {@value InstanceForwarding#DESK_HEADER} go on to the
 * desk's own login.
 */
final class ForwardedDeskFilter extends OncePerRequestFilter {

	private final InstanceForwarding forwarding;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ForwardedDeskFilter(InstanceForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String vouched = request.getHeader(InstanceForwarding.DESK_HEADER);
		if (vouched == null) {
			chain.doFilter(request, response);
			return;
		}
		String target = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		Optional<Desk> desk = this.forwarding.deskOf(vouched, request.getMethod(), target);
		if (desk.isEmpty()) {
			ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
					"The call passed on by another instance of the node could not be verified ("
							+ InstanceForwarding.DESK_HEADER + ")");
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new UsernamePasswordAuthenticationToken(desk.get(), null,
				List.of(new SimpleGrantedAuthority(Desk.authorityOf(desk.get().node())))));
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

}
