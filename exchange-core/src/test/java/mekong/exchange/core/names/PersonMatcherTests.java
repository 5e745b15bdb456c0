package mekong.exchange.core.names;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

		/**
		 * Khmer names that differ in a consonant, however each is romanized: Pisey and
		 * Piseth, Virak, Veasna and Visal, Sophal and Sopheap, Chan and Chantha, and Dara
		 * and Theara, whose first letters the outline keeps apart. Names that differ only
		 * in their vowels (Sok and Sokha, Heng and Hun, Keo and Ouk) are not kept apart:
		 * romanizations vary the vowels of one name as much (Samnang, Somnang).
		 */
		@ParameterizedTest(name = "{0} and {1}")
		@MethodSource
		void differentKhmerNames(String khmer, String romanized) {
			assertThat(PersonMatcher.possiblySame(named(khmer, null), named(romanized, null))).isFalse();
		}

		static Stream<Arguments> differentKhmerNames() {
			return Stream.of(Arguments.of("ពិសី", "Piseth"), Arguments.of("ពិសិដ្ឋ", "Pisey"),
					Arguments.of("វីរៈ", "Veasna"), Arguments.of("វីរៈ", "Visal"), Arguments.of("វាសនា", "Virak"),
					Arguments.of("វាសនា", "Visal"), Arguments.of("វិសាល", "Virak"), Arguments.of("វិសាល", "Veasna"),
					Arguments.of("សុផល", "Sopheap"), Arguments.of("សុភាព", "Sophal"), Arguments.of("ចាន់", "Chantha"),
					Arguments.of("ចាន់ថា", "Chan"), Arguments.of("ដារា", "Theara"), Arguments.of("ធារ៉ា", "Dara"));
		}

	}

	/**
	 * Khmer names against their romanizations as desks write them: everyday and
	 * French-era Cambodian spellings (Sokh, Chann, Sophall, Hengh, Samphors, Voutthy),
	 * UNGEGN's (Sŏkh, Chéa, Sâmnang) and ALA-LC's (Sukh, Gīm), family name first or last.
	 * Each set pairs a name in Khmer script with the romanizations seen for it.
	 * <p>
	 * The tuning set is what the outline's Khmer rules were made for: each was made for a
	 * pair of it. The held-out set was written down with it, Khmer script and
	 * romanizations, before any rule changed; no rule was made for one of its pairs, and
	 * no pair moved between the sets. 91 of its 116 pairs matched before those rules, 103
	 * match with them. The 13 it misses are listed as misses, with the reason, so that a
	 * rule catching one shows here and moves it; a rule made for them needs a fresh
	 * held-out set to be judged by.
	 */
	@Nested
	class KhmerRomanizations {

		@ParameterizedTest(name = "{0} and {1}")
		@MethodSource
		void tuningSet(String khmer, String romanized) {
			assertThat(possiblySameAndIndexedTogether(named(khmer, null), named(romanized, null))).isTrue();
		}

		static Stream<Arguments> tuningSet() {
			return Stream.of(pairs("សុខ", "Sok", "Sokh", "Sŏkh", "Sukh"), pairs("ចាន់", "Chan", "Chann", "Chăn"),
					pairs("សំណាង", "Samnang", "Somnang", "Sâmnang"), pairs("សុភាព", "Sopheap", "Sopheab"),
					pairs("សុផល", "Sophal", "Sophall", "Sophâl"), pairs("វណ្ណៈ", "Vannak", "Vanak"),
					pairs("ជា", "Chea", "Chia", "Chéa"), pairs("ហេង", "Heng", "Hengh", "Héng"),
					pairs("គីម", "Kim", "Kem", "Gīm"), pairs("សុខា", "Sokha"), pairs("ដារា", "Dara"),
					pairs("រិទ្ធី", "Rithy", "Rithi", "Ritthy", "Rĭtthi"), pairs("ពិសី", "Pisey", "Pisei", "Pisy"),
					pairs("ស្រីមុំ", "Sreymom", "Sreymum", "Sreimom"),
					pairs("បុប្ផា", "Bopha", "Bupha", "Bopa", "Bŏppha"),
					pairs("ធីតា", "Thida", "Theda", "Tida", "Thyda"), pairs("មករា", "Makara", "Makkara", "Mâkâra"),
					pairs("វុទ្ធី", "Vuthy", "Vutthy", "Voutthy", "Vutthi"),
					pairs("សំផស្ស", "Samphors", "Samphos", "Somphos"), pairs("វីរៈ", "Virak", "Vireak", "Veerak"),
					pairs("ស្រី", "Srey", "Srei"), pairs("ចាន់ថា", "Chantha", "Chanta"),
					pairs("ជា សុផល", "Chea Sophal", "Sophall Chia"), pairs("សុខ សំណាង", "Sok Samnang", "Samnang Sokh"))
				.flatMap((set) -> set);
		}

		@ParameterizedTest(name = "{0} and {1}")
		@MethodSource
		void heldOutSet(String khmer, String romanized) {
			assertThat(possiblySameAndIndexedTogether(named(khmer, null), named(romanized, null))).isTrue();
		}

		static Stream<Arguments> heldOutSet() {
			return Stream.of(pairs("ហ៊ុន", "Hun", "Houn", "Hoon"), pairs("កែវ", "Keo", "Kaev", "Kev"),
					pairs("ទេព", "Tep", "Teb", "Thep"), pairs("ពៅ", "Pov", "Pao", "Pau"), pairs("អ៊ុក", "Ouk", "Uk"),
					pairs("ទូច", "Touch", "Toch", "Tuch"), pairs("ហួត", "Huot", "Hout", "Huort"),
					pairs("រតនា", "Rotana", "Ratana", "Rathana", "Rattana", "Rottana"),
					pairs("កញ្ញា", "Kanha", "Kanya", "Kannha"), pairs("ឧត្តម", "Oudom", "Udom", "Uttam"),
					pairs("សុជាតិ", "Socheat", "Sochet", "Sochiet"), pairs("សុភា", "Sophea", "Sopha"),
					pairs("ភក្តី", "Pheakdey", "Pheakdei", "Pheakdy"), pairs("បូរ៉ា", "Bora", "Borra", "Borah"),
					pairs("ញឹម", "Nhim", "Nhem", "Nheum"), pairs("សួន", "Suon", "Soun", "Suorn"),
					pairs("ខេមរា", "Khemra", "Khemara"), pairs("គន្ធា", "Kunthea", "Kanthea", "Kontha"),
					pairs("ចរិយា", "Chariya", "Chareya", "Cheriya"), pairs("វាសនា", "Veasna", "Vasna", "Veasana"),
					pairs("វិសាល", "Visal", "Vesal", "Visall"), pairs("ធារ៉ា", "Theara", "Thera", "Thearah"),
					pairs("ចន្ទ្រា", "Chantrea", "Chanthrea", "Chantria"), pairs("យស់", "Yos", "Yous", "Yoss"),
					pairs("ឈុន", "Chhun", "Chhoun"), pairs("លី", "Ly", "Lee", "Li"), pairs("ម៉ៅ", "Mao", "Mau", "Mav"),
					pairs("ស៊ុន", "Sun", "Soun", "Sunn"), pairs("ម៉េង", "Meng", "Mengh"), pairs("ណារ៉ុង", "Narong"),
					pairs("សម្បត្តិ", "Sambath", "Sambat"), pairs("សុធា", "Sothea", "Sotha"),
					pairs("ឡុង", "Long", "Loung"), pairs("ម៉ម", "Mom", "Morm"), pairs("ស្រេង", "Sreng"),
					pairs("ប៊ុន", "Bun", "Boun", "Bunn"), pairs("កែវ រតនា", "Keo Rathana", "Rathana Keo"),
					pairs("ឈុន សុជាតិ", "Chhun Socheat", "Socheat Chhoun"),
					pairs("ស្រេង ចរិយា", "Sreng Chariya", "Chariya Sreng"))
				.flatMap((set) -> set);
		}

		@ParameterizedTest(name = "{0} and {1}")
		@MethodSource
		void heldOutMisses(String khmer, String romanized) {
			assertThat(PersonMatcher.possiblySame(named(khmer, null), named(romanized, null))).isFalse();
		}

		static Stream<Arguments> heldOutMisses() {
			return Stream.of(
					// a last subscript ro (្រ) is not said, and AnyAscii writes it; Petch
					// writes ch as tch
					pairs("ពេជ្រ", "Pich", "Pech", "Petch"), pairs("វិចិត្រ", "Vichet", "Vichit", "Vicheth"),
					// the vowel of វ is not written: AnyAscii's sovnn has a v closing the
					// vowel o, which the outline drops
					pairs("សុវណ្ណ", "Sovann", "Sovan", "Sovanh"),
					// ប with ៉ is said p, AnyAscii writes b, and a first b stays apart
					pairs("ប៉ែន", "Pen", "Penh", "Paen"),
					// the French gn for ញ: after a vowel the outline reads gn as Lao ຍ, a
					// vowel
					pairs("កញ្ញា", "Kagna"))
				.flatMap((set) -> set);
		}

		/**
		 * The case the local stack seeds: Tay Ninh's alert names the suspect in Khmer
		 * script, with the alias Sok Samnang; Svay Rieng's report names him Samnang Sokh,
		 * family name last and spelled otherwise.
		 */
		@Test
		void linksTheSuspectOfTayNinhsAlertToSvayRiengsReport() {
			PersonName tayNinh = named("សុខ សំណាង", 1990, "Sok Samnang");
			PersonName svayRieng = named("Samnang Sokh", 1990);
			assertThat(possiblySameAndIndexedTogether(tayNinh, svayRieng)).isTrue();
			assertThat(possiblySameAndIndexedTogether(named("Sok Samnang", "សុខ សំណាង", 1990), svayRieng)).isTrue();
		}

		@Test
		void keepsTheSeededSuspectApartFromSokSophalAndChanSamnang() {
			PersonName tayNinh = named("សុខ សំណាង", 1990, "Sok Samnang");
			PersonName svayRieng = named("Samnang Sokh", 1990);
			for (PersonName other : List.of(named("Sok Sophal", 1990), named("Chan Samnang", 1990),
					named("សុខ សុផល", 1990), named("ចាន់ សំណាង", 1990))) {
				assertThat(PersonMatcher.possiblySame(tayNinh, other)).as("%s and %s", tayNinh, other).isFalse();
				assertThat(PersonMatcher.possiblySame(svayRieng, other)).as("%s and %s", svayRieng, other).isFalse();
			}
		}

		static Stream<Arguments> pairs(String khmer, String... romanizations) {
			return Stream.of(romanizations).map((romanized) -> Arguments.of(khmer, romanized));
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
