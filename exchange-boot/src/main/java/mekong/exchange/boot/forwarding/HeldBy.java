package mekong.exchange.boot.forwarding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a desk API handler about one alert (its path variable {@value #ALERT_ID}): the
 * call is answered by the instance of the node that holds the alert in the store
 * {@link #value()} names, and passed on to it by any other ({@link PassOnToHolder}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HeldBy {

	/** The path variable that holds the alert's id. */
	String ALERT_ID = "alertId";

	/** The bean that knows which instance holds the alert. */
	Class<? extends AlertHolders> value();

}
