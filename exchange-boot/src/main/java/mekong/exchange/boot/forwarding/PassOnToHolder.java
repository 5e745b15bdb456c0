package mekong.exchange.boot.forwarding;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Passes a desk's call to a handler marked {@link HeldBy} on to the instance that holds
 * its alert, before this instance reads the call's body, and answers with that instance's
 * answer. A call another instance passed on is answered here.
 */
final class PassOnToHolder implements HandlerInterceptor {

	private final InstanceForwarding forwarding;

	private final BeanFactory beans;

	PassOnToHolder(InstanceForwarding forwarding, BeanFactory beans) {
		this.forwarding = forwarding;
		this.beans = beans;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod method) || InstanceForwarding.answersHereOnly(request)) {
			return true;
		}
		HeldBy heldBy = method.getMethodAnnotation(HeldBy.class);
		UUID alertId = (heldBy != null) ? alertIdOf(request) : null;
		if (alertId == null) {
			return true;
		}
		Optional<HostInfo> holder = this.beans.getBean(heldBy.value()).holderElsewhere(alertId);
		if (holder.isEmpty()) {
			return true;
		}
		this.forwarding.passOnAndAnswer(holder.get(), request, response);
		return false;
	}

	/** The alert's id in the call's path; null if it is no id (the handler says so). */
	private static UUID alertIdOf(HttpServletRequest request) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String alertId = (variables != null) ? variables.get(HeldBy.ALERT_ID) : null;
		if (alertId == null) {
			return null;
		}
		try {
			return UUID.fromString(alertId);
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
	}

}
