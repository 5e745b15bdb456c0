package mekong.exchange.console;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLabelsTests {

	final ConsoleLabels labels = new ConsoleLabels();

	final Map<String, String> english = this.labels.of(Locale.ENGLISH);

	@Test
	void vietnameseAndLaoHaveEveryTextOfEnglishAndNoOther() {
		for (Locale language : ConsoleConfiguration.LANGUAGES) {
			assertThat(this.labels.of(language)).as(language.toString())
				.containsOnlyKeys(this.english.keySet())
				.allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
		}
	}

	@Test
	void laoTextsAreInLaoScriptAndVietnameseTextsAreNotEnglish() {
		assertThat(this.labels.of(Locale.forLanguageTag("lo")).get("nav.inbox").codePoints())
			.allMatch((character) -> Character.UnicodeScript.of(character) == Character.UnicodeScript.LAO);
		assertThat(this.labels.of(Locale.forLanguageTag("vi")).get("detail.accept")).isEqualTo("Tiếp nhận");
		assertThat(this.labels.of(Locale.forLanguageTag("vi-VN")).get("nav.inbox")).isEqualTo("Hộp thư đến");
	}

	@Test
	void aLanguageTheConsoleDoesNotSpeakGetsEnglish() {
		assertThat(this.labels.of(Locale.JAPANESE)).isEqualTo(this.english);
	}

}
