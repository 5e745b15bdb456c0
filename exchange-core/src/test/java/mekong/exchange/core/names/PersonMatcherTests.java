package mekong.exchange.core.names;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonMatcherTests {

	static PersonName named(String fullName, Integer birthYear, String... aliases) {
		return new PersonName(fullName, null, List.of(aliases), birthYear);
	}

	static PersonName named(String fullName, String nativeName, Integer birthYear) {
		return new PersonName(fullName, nativeName, List.of(), birthYear);
	}

	/**
	 * What the matcher says, having checked that whenever it links two persons, looking
	 * either up by its lookup keys finds the other among the index keys: the inbox's name
	 * index relies on it.
	 */
	static boolean possiblySameAndIndexedTogether(PersonName one, PersonName other) {
		boolean same = PersonMatcher.possiblySame(one, other);
		if (same) {
			PersonMatcher.Profile first = PersonMatcher.profile(one);
			PersonMatcher.Profile second = PersonMatcher.profile(other);
			assertThat(PersonMatcher.lookupKeys(first)).as("%s looked up finds %s", one, other)
				.containsAnyElementsOf(PersonMatcher.indexKeys(second));
			assertThat(PersonMatcher.lookupKeys(second)).as("%s looked up finds %s", other, one)
				.containsAnyElementsOf(PersonMatcher.indexKeys(first));
		}
		return same;
	}

	@Nested
	class LinksReportsOfTheSamePerson {

		@Test
		void writtenWithAndWithoutVietnameseDiacriticsInAnyCase() {
			assertThat(possiblySameAndIndexedTogether(named("Nguyễn Văn Đức", 1985), named("NGUYEN VAN DUC", 1985)))
				.isTrue();
		}

		@Test
		void withDecomposedCombiningMarks() {
			String decomposed = "Nguye\u0302\u0303n Va\u0306n \u0110u\u031Bc";
			assertThat(possiblySameAndIndexedTogether(named(decomposed, null), named("Nguyen Van Duc", null))).isTrue();
		}

		@Test
		void withTheWordsInAnotherOrder() {
			assertThat(possiblySameAndIndexedTogether(named("Nguyễn Văn Đức", null), named("Duc Nguyen Van", null)))
				.isTrue();
			assertThat(possiblySameAndIndexedTogether(named("Vang De Mua", 1970), named("Mua Vang De", 1970))).isTrue();
		}

		@Test
		void writtenInLaoScriptByOneSideAndRomanizedByTheOther() {
			assertThat(possiblySameAndIndexedTogether(named("ວັງ ເດ ມົວ", 1970, new String[0]),
					named("Vang De Mua", 1970)))
				.isTrue();
			assertThat(possiblySameAndIndexedTogether(named("ເກຍ ວັງ", 1975, new String[0]), named("Kia Vang", 1975)))
				.isTrue();
			assertThat(possiblySameAndIndexedTogether(named("ສົມສັກ ແກ້ວມະນີ", null, new String[0]),
					named("Somsak Keomany", null)))
				.isTrue();
		}

		@Test
		void writtenInKhmerScriptByOneSideAndRomanizedByTheOther() {
			assertThat(possiblySameAndIndexedTogether(named("សុខ ចាន់", 1990, new String[0]), named("Sok Chan", 1990)))
				.isTrue();
			assertThat(possiblySameAndIndexedTogether(named("ខៀវ សំផន", null, new String[0]),
					named("Khieu Samphan", null)))
				.isTrue();
		}

		@Test
		void whenOnlyTheNativeNameOfOneReportMatches() {
			assertThat(possiblySameAndIndexedTogether(named("Vang D. Mua", "ວັງ ເດ ມົວ", 1970),
					named("Vang De Mua", 1971)))
				.isTrue();
		}

		@Test
		void throughAnAlias() {
			assertThat(possiblySameAndIndexedTogether(named("Vang De Mua", 1970, "Mua Lao", "Ah Mua"),
					named("Ah Mua", 1970)))
				.isTrue();
		}

		@Test
		void writtenInChineseByOneSide() {
			assertThat(possiblySameAndIndexedTogether(named("王小明", null, new String[0]), named("Wang Xiaoming", null)))
				.isTrue();
		}

		@Test
		void whenTheirBirthYearsAreAYearApartAsAgesAtReportsOftenAre() {
			assertThat(possiblySameAndIndexedTogether(named("Kia Vang", 1975), named("Kia Vang", 1974))).isTrue();
		}

		@Test
		void whenOnlyOneReportGivesABirthYear() {
			assertThat(possiblySameAndIndexedTogether(named("Kia Vang", 1975), named("Kia Vang", null))).isTrue();
		}

	}

	@Nested
	class KeepsApart {

		@Test
		void theSameNameWithBirthYearsMoreThanAYearApart() {
			assertThat(PersonMatcher.possiblySame(named("Nguyễn Văn Đức", 1985), named("Nguyen Van Duc", 1987)))
				.isFalse();
			assertThat(PersonMatcher.possiblySame(named("ວັງ ເດ ມົວ", 1970, new String[0]), named("Vang De Mua", 1990)))
				.isFalse();
		}

		@Test
		void latinNamesThatOnlyShareTheirConsonants() {
			assertThat(PersonMatcher.possiblySame(named("Vang De Mua", 1970), named("Vong Do Mai", 1970))).isFalse();
		}

		@Test
		void namesWithADifferentNumberOfWords() {
			assertThat(PersonMatcher.possiblySame(named("Kia Vang", null), named("Kia", null))).isFalse();
		}

		@Test
		void differentPeopleInLaoScript() {
			assertThat(PersonMatcher.possiblySame(named("ສົມສັກ ແກ້ວມະນີ", null, new String[0]),
					named("Bounmy Keomany", null)))
				.isFalse();
		}

	}

	@Test
	void looksUpALatinNameByItsOutlineOnlyAmongNamesInOtherScripts() {
		PersonMatcher.Profile latin = PersonMatcher.profile(named("Vang De Mua", null));
		PersonMatcher.Profile otherLatin = PersonMatcher.profile(named("Vong Da Moa", null));
		PersonMatcher.Profile lao = PersonMatcher.profile(named("ວັງ ເດ ມົວ", null, new String[0]));
		assertThat(PersonMatcher.indexKeys(latin)).as("the same outline")
			.containsAnyElementsOf(PersonMatcher.indexKeys(otherLatin));
		assertThat(PersonMatcher.lookupKeys(latin)).doesNotContainAnyElementsOf(PersonMatcher.indexKeys(otherLatin));
		assertThat(PersonMatcher.lookupKeys(latin)).containsAnyElementsOf(PersonMatcher.indexKeys(lao));
	}

	@Test
	void normalizesNamesToPlainLatinWords() {
		assertThat(NameNormalizer.toLatin("  Nguyễn  Văn-Đức ")).isEqualTo("nguyen van duc");
		assertThat(NameNormalizer.words("ສົມສັກ")).containsExactly("somsak");
		assertThat(NameNormalizer.words("王小明")).containsExactly("wang", "xiao", "ming");
	}

}
