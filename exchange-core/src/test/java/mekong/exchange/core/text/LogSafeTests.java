package mekong.exchange.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTests {

	@Test
	void writesLineBreaksOutSoNoLogLineCanBeForged() {
		assertThat(LogSafe.text("Capt. X\r\n2026-11-23 ERROR forged line"))
			.isEqualTo("Capt. X\\r\\n2026-11-23 ERROR forged line")
			.doesNotContain("\n", "\r");
	}

	@Test
	void writesOtherControlCharactersAndUnicodeLineSeparatorsOut() {
		assertThat(LogSafe.text("a\u0000b\u001bc\u2028d")).isEqualTo("a\\u0000b\\u001bc\\u2028d");
	}

	@Test
	void keepsEveryScriptAsItIs() {
		assertThat(LogSafe.text("ວັງ ເດ ມົວ · Nguyễn Văn Đức · សុខ ចាន់"))
			.isEqualTo("ວັງ ເດ ມົວ · Nguyễn Văn Đức · សុខ ចាន់");
		assertThat(LogSafe.text(null)).isEqualTo("null");
	}

}
