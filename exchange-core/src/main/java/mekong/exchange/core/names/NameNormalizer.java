package mekong.exchange.core.names;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.anyascii.AnyAscii;
import com.ibm.icu.text.Transliterator;

/**
 * Writes any name in plain lower-case Latin letters, so that reports written in different
 * scripts and conventions can be compared. ICU4J transliterates the scripts it covers and
 * removes Vietnamese diacritics (Nguyễn Văn Đức: nguyen van duc); Lao and Khmer, which
 * ICU has no transliterator for, go through AnyAscii, after Lao (and Thai) vowels written
 * before their consonant are put back in spoken order.
 */
public final class NameNormalizer {

	private static final Transliterator TO_LATIN = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");

	private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z0-9]+");

	private static final Pattern DOUBLED = Pattern.compile("(.)\\1+");

	private NameNormalizer() {
	}

	/** The name in lower-case ASCII words separated by single spaces. */
	public static String toLatin(String name) {
		String latin;
		if (isAscii(name)) {
			// what both transliterations leave as it is: the work of every romanized
			// name, without the lock on ICU's transliterator that all threads share
			latin = name.toLowerCase(Locale.ROOT);
		}
		else {
			String text = spokenOrder(Normalizer.normalize(name, Normalizer.Form.NFC));
			synchronized (TO_LATIN) {
				latin = TO_LATIN.transliterate(text);
			}
			latin = AnyAscii.transliterate(latin).toLowerCase(Locale.ROOT);
		}
		return NOT_LETTERS.matcher(latin).replaceAll(" ").trim();
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** The words of the name in Latin letters. */
	public static List<String> words(String name) {
		String latin = toLatin(name);
		return latin.isEmpty() ? List.of() : Arrays.asList(latin.split(" "));
	}

	/**
	 * A rough consonant outline of one Latin word, the same for the usual romanizations
	 * of a Lao, Khmer or Thai name. Aspirated and plain consonants are alike (ph/p, th/t,
	 * kh/k, ch/c/j, gh/g), and so are x/s, w/v, g/k (ALA-LC writes Khmer គ as g) and,
	 * after a word's first letter, d/t and b/p (Thida and ធីតា, Sopheab and សុភាព); a
	 * first d or b stays apart, as everyday and UNGEGN spellings keep Khmer ដ and ប apart
	 * from ត and ព there (Dara is not Theara). Vowels are dropped, and so are letters
	 * that only spell a vowel: v or w closing one (Pov and ពៅ), r closing one (Samphors
	 * and សំផស្ស) and a word's last h (Hengh and ហេង). Doubled letters are collapsed.
	 * Vang and ວັງ, Somsak and ສົມສັກ, Chan and ចាន់ get the same outline.
	 */
	static String outline(String word) {
		StringBuilder consonants = new StringBuilder();
		for (int i = 0; i < word.length(); i++) {
			char letter = word.charAt(i);
			char next = (i + 1 < word.length()) ? word.charAt(i + 1) : ' ';
			boolean afterVowel = i > 0 && isVowel(word.charAt(i - 1));
			if (letter == 'g' && next == 'n') {
				// AnyAscii writes Lao ຍ as gn: a consonant at the start of a syllable,
				// part of the vowel after one
				if (!afterVowel) {
					consonants.append('n');
				}
				i++;
			}
			else if (next == 'h' && "pktcdbsg".indexOf(letter) >= 0) {
				consonants.append(consonant(letter, i));
				i++;
			}
			else if (letter == 'n' && (next == 'y' || next == 'g' || next == 'h')) {
				consonants.append('n');
				i++;
			}
			else if ((letter == 'v' || letter == 'w' || letter == 'r') && afterVowel && !isVowel(next)) {
				// part of the vowel: Lao ວ, Khmer ៅ (Pov), the French "or" of a Khmer
				// vowel (Samphors)
				continue;
			}
			else if (letter == 'h' && i == word.length() - 1) {
				continue;
			}
			else if (!isVowel(letter)) {
				consonants.append(consonant(letter, i));
			}
		}
		return DOUBLED.matcher(consonants).replaceAll("$1");
	}

	/**
	 * The outline letter of a consonant at {@code index} in its word: past the first
	 * letter, d and t, b and p are written for one another (Thida for ធីតា).
	 */
	private static char consonant(char letter, int index) {
		return switch (letter) {
			case 'x', 'z' -> 's';
			case 'j' -> 'c';
			case 'w' -> 'v';
			case 'q', 'g' -> 'k';
			case 'd' -> (index > 0) ? 't' : 'd';
			case 'b' -> (index > 0) ? 'p' : 'b';
			default -> letter;
		};
	}

	private static boolean isVowel(char letter) {
		return "aeiouy".indexOf(letter) >= 0;
	}

	/**
	 * Lao (ເ ແ ໂ ໃ ໄ) and Thai (เ แ โ ใ ไ) vowels are written before the consonant they
	 * follow in speech; a transliteration letter by letter needs them after it.
	 */
	private static String spokenOrder(String text) {
		char[] letters = text.toCharArray();
		for (int i = 0; i + 1 < letters.length; i++) {
			if (isLeadingVowel(letters[i]) && Character.isLetter(letters[i + 1]) && !isLeadingVowel(letters[i + 1])) {
				char vowel = letters[i];
				letters[i] = letters[i + 1];
				letters[i + 1] = vowel;
				i++;
			}
		}
		return new String(letters);
	}

	private static boolean isLeadingVowel(char letter) {
		return (letter >= '\u0EC0' && letter <= '\u0EC4') || (letter >= '\u0E40' && letter <= '\u0E44');
	}

}
