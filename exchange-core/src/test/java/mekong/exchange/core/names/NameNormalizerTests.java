package mekong.exchange.core.names;

import java.util.Locale;
import java.util.Random;

import com.anyascii.AnyAscii;
import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameNormalizerTests {

	@Test
	void writesARomanizedNameAsTheTransliteratorsWouldWithoutThem() {
		Transliterator toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
		Random random = new Random(23);
		for (int i = 0; i < 10_000; i++) {
			StringBuilder name = new StringBuilder();
			for (int length = random.nextInt(30); length > 0; length--) {
				name.append((char) (' ' + random.nextInt(0x7f - ' ')));
			}
			String transliterated = AnyAscii.transliterate(toLatin.transliterate(name.toString()))
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]+", " ")
				.trim();

			assertThat(NameNormalizer.toLatin(name.toString())).as(name.toString()).isEqualTo(transliterated);
		}
	}

	@Test
	void outlinesKhmerNamesAsTheirRomanizations() {
		assertThat(NameNormalizer.outline("sopheab")).as("b for p past the first letter")
			.isEqualTo(outlineOf("សុភាព"))
			.isEqualTo("sp");
		assertThat(NameNormalizer.outline("thida")).as("d for t past the first letter")
			.isEqualTo(outlineOf("ធីតា"))
			.isEqualTo("t");
		assertThat(NameNormalizer.outline("gim")).as("ALA-LC's g").isEqualTo(outlineOf("គីម")).isEqualTo("km");
		assertThat(NameNormalizer.outline("samphors")).as("r closing a vowel")
			.isEqualTo(outlineOf("សំផស្ស"))
			.isEqualTo("smps");
		assertThat(NameNormalizer.outline("hengh")).as("a last h").isEqualTo(outlineOf("ហេង")).isEqualTo("hn");
		assertThat(NameNormalizer.outline("dara")).as("a first d").isEqualTo(outlineOf("ដារា")).isEqualTo("dr");
		assertThat(NameNormalizer.outline("theara")).isEqualTo(outlineOf("ធារ៉ា")).isEqualTo("tr");
	}

	private static String outlineOf(String khmer) {
		return NameNormalizer.outline(NameNormalizer.toLatin(khmer));
	}

	@Test
	void transliteratesWhatIsNotAscii() {
		assertThat(NameNormalizer.toLatin("Nguyễn Văn Đức")).isEqualTo("nguyen van duc");
		assertThat(NameNormalizer.toLatin(" Vang  De-Mua ")).isEqualTo("vang de mua");
	}

}
