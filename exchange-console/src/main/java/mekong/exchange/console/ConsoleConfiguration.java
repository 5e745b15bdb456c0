package mekong.exchange.console;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.SessionCookieConfig;
import mekong.exchange.boot.node.NodeProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's pages and languages. The language is the one a desk chose last
 * ({@code ?lang=}, kept in a cookie), else the first of the browser's languages the
 * console speaks, else English.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, MessageSourceAutoConfiguration.class })
@Import({ ConsolePages.class, ConsoleLabels.class })
class ConsoleConfiguration implements WebMvcConfigurer {

	/** The languages of the console, in the order the language switch shows them. */
	static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("vi"), Locale.forLanguageTag("lo"),
			Locale.forLanguageTag("km"), Locale.ENGLISH);

	static final String MESSAGES = "console/messages";

	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename(MESSAGES);
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	/**
	 * Names the session cookie after the node: the desks of the local stack share the
	 * host {@code localhost}, and browsers keep cookies per host, not per port, so a desk
	 * logged in at both nodes would otherwise lose one session to the other. Scripts
	 * cannot read it, other sites cannot send it along with their own requests, and over
	 * HTTPS it is {@code Secure} (the servlet container marks it so on a secure request).
	 */
	@Bean
	ServletContextInitializer sessionCookiePerNode(NodeProperties node) {
		return (servletContext) -> {
			SessionCookieConfig cookie = servletContext.getSessionCookieConfig();
			cookie.setName("MEKONG_SESSION_" + node.id().code().replace('-', '_'));
			cookie.setHttpOnly(true);
			cookie.setAttribute("SameSite", "Lax");
		};
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("mekong-lang");
		resolver.setDefaultLocaleFunction((request) -> Collections.list(request.getLocales())
			.stream()
			.map(ConsoleConfiguration::spoken)
			.flatMap(Optional::stream)
			.findFirst()
			.orElse(Locale.ENGLISH));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
		languageSwitch.setParamName("lang");
		// A language the console cannot read keeps the page in the desk's language.
		languageSwitch.setIgnoreInvalidLocale(true);
		registry.addInterceptor(languageSwitch).addPathPatterns("/console/**");
	}

	/** The console's language for {@code locale}, if it speaks it. */
	static Optional<Locale> spoken(Locale locale) {
		return LANGUAGES.stream().filter((language) -> language.getLanguage().equals(locale.getLanguage())).findFirst();
	}

	/** The console's language for {@code locale}, English if it does not speak it. */
	static Locale languageFor(Locale locale) {
		return spoken(locale).orElse(Locale.ENGLISH);
	}

}
