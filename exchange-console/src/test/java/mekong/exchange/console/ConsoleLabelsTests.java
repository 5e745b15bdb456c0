package mekong.exchange.console;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLabelsTests {

	static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

	final ConsoleLabels labels = new ConsoleLabels();

	final Map<String, String> english = this.labels.of(Locale.ENGLISH);

	@Test
	void vietnameseLaoAndKhmerHaveEveryTextOfEnglishAndNoOther() {
		assertThat(ConsoleConfiguration.LANGUAGES).extracting(Locale::getLanguage)
			.containsExactly("vi", "lo", "km", "en");
		for (Locale language : ConsoleConfiguration.LANGUAGES) {
			assertThat(this.labels.of(language)).as(language.toString())
				.containsOnlyKeys(this.english.keySet())
				.allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
		}
	}

	@Test
	void laoAndKhmerTextsAreInTheirScriptsAndVietnameseTextsAreNotEnglish() {
		assertThat(this.labels.of(Locale.forLanguageTag("lo")).get("nav.inbox").codePoints())
			.allMatch((character) -> Character.UnicodeScript.of(character) == Character.UnicodeScript.LAO);
		assertThat(this.labels.of(Locale.forLanguageTag("km-KH")).get("nav.inbox").codePoints())
			.allMatch((character) -> Character.UnicodeScript.of(character) == Character.UnicodeScript.KHMER);
		assertThat(this.labels.of(Locale.forLanguageTag("km")).get("inbox.title")).isEqualTo("ប្រអប់សារ");
		assertThat(this.labels.of(Locale.forLanguageTag("vi")).get("detail.accept")).isEqualTo("Tiếp nhận");
		assertThat(this.labels.of(Locale.forLanguageTag("vi-VN")).get("nav.inbox")).isEqualTo("Hộp thư đến");
	}

	@Test
	void everyLanguageFillsInWhatEnglishFillsIn() {
		for (Locale language : ConsoleConfiguration.LANGUAGES) {
			Map<String, String> texts = this.labels.of(language);
			this.english.forEach((key, text) -> assertThat(placeholders(texts.get(key))).as("%s %s", language, key)
				.isEqualTo(placeholders(text)));
		}
	}

	@Test
	void aLanguageTheConsoleDoesNotSpeakGetsEnglish() {
		assertThat(this.labels.of(Locale.JAPANESE)).isEqualTo(this.english);
	}

	private static Set<String> placeholders(String text) {
		return PLACEHOLDER.matcher(text).results().map(MatchResult::group).collect(Collectors.toSet());
	}

}
