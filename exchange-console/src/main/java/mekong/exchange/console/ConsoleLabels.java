package mekong.exchange.console;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text of the console in one language, for its script: labels of codes (statuses,
 * categories …) and messages it shows after the page was made. Texts a language lacks
 * come from English.
 */
class ConsoleLabels {

	private final Map<Locale, Map<String, String>> byLanguage = new ConcurrentHashMap<>();

	Map<String, String> of(Locale locale) {
		return this.byLanguage.computeIfAbsent(ConsoleConfiguration.languageFor(locale), ConsoleLabels::load);
	}

	private static Map<String, String> load(Locale language) {
		ResourceBundle bundle = ResourceBundle.getBundle(ConsoleConfiguration.MESSAGES, language,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		Map<String, String> labels = new TreeMap<>();
		bundle.keySet().forEach((key) -> labels.put(key, bundle.getString(key)));
		return Map.copyOf(labels);
	}

}
