package mekong.exchange.core.names;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells whether two reports possibly name the same person, so that the desk sees them
 * side by side; it never merges them. Two names match when, in Latin letters, they have
 * the same words in any order (or the same letters once spaces are ignored); a name
 * written in a non-Latin script matches another when their words have the same consonant
 * outline, since Lao and Khmer names are romanized in many ways. Any name, native name or
 * alias of one report may match any of the other. Birth years, where both reports give
 * one, must be at most a year apart.
 */
public final class PersonMatcher {

	/**
	 * How {@link #indexKeys} derives a person's keys: raise it with any change to them
	 * (to {@link NameNormalizer}'s outline too), so that an inbox indexed before rebuilds
	 * its name index once. 2: the outline rules for Khmer romanizations.
	 */
	public static final String KEYS_VERSION = "2";

	private static final String WORDS = "w:";

	private static final String LETTERS = "l:";

	private static final String LATIN_OUTLINE = "ol:";

	private static final String OTHER_OUTLINE = "on:";

	private PersonMatcher() {
	}

	/**
	 * A person prepared for comparison: names transliterated once, not at every
	 * comparison.
	 */
	public record Profile(PersonName person, List<Variant> variants) {
	}

	record Variant(List<String> words, String letters, List<String> outlines, boolean latin) {
	}

	public static Profile profile(PersonName person) {
		return new Profile(person, person.variants().stream().map(PersonMatcher::variant).toList());
	}

	/**
	 * The keys to index a person under, so that a lookup costs the matches, not the whole
	 * inbox: the sorted words, the letters, and the consonant outline of each way the
	 * name is written, the outline kept apart for Latin and other scripts.
	 * @see #lookupKeys
	 */
	public static Set<String> indexKeys(Profile person) {
		Set<String> keys = new TreeSet<>();
		for (Variant name : person.variants()) {
			if (!name.words().isEmpty()) {
				keys.add(WORDS + String.join(" ", name.words()));
				keys.add(LETTERS + name.letters());
				keys.add((name.latin() ? LATIN_OUTLINE : OTHER_OUTLINE) + String.join(" ", name.outlines()));
			}
		}
		return keys;
	}

	/**
	 * The keys to look a person up under: any person {@link #possiblySame possibly the
	 * same} is indexed under at least one of them. A name in Latin letters looks for the
	 * same outline only among names in other scripts, since two Latin names must share
	 * their words or letters; sharing a key is not enough, so candidates are compared.
	 */
	public static Set<String> lookupKeys(Profile person) {
		Set<String> keys = new TreeSet<>();
		for (Variant name : person.variants()) {
			if (!name.words().isEmpty()) {
				String outline = String.join(" ", name.outlines());
				keys.add(WORDS + String.join(" ", name.words()));
				keys.add(LETTERS + name.letters());
				keys.add(OTHER_OUTLINE + outline);
				if (!name.latin()) {
					keys.add(LATIN_OUTLINE + outline);
				}
			}
		}
		return keys;
	}

	public static boolean possiblySame(PersonName one, PersonName other) {
		return possiblySame(profile(one), profile(other));
	}

	public static boolean possiblySame(Profile one, Profile other) {
		Integer year = one.person().birthYear();
		Integer otherYear = other.person().birthYear();
		if (year != null && otherYear != null && Math.abs(year - otherYear) > 1) {
			return false;
		}
		for (Variant name : one.variants()) {
			for (Variant otherName : other.variants()) {
				if (sameName(name, otherName)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean sameName(Variant one, Variant other) {
		if (one.words().isEmpty() || other.words().isEmpty()) {
			return false;
		}
		if (one.words().equals(other.words()) || one.letters().equals(other.letters())) {
			return true;
		}
		return !(one.latin() && other.latin()) && one.outlines().equals(other.outlines());
	}

	private static Variant variant(String name) {
		List<String> words = NameNormalizer.words(name);
		return new Variant(words.stream().sorted().toList(), String.join("", words),
				words.stream().map(NameNormalizer::outline).sorted().toList(), isLatin(name));
	}

	private static boolean isLatin(String name) {
		return name.codePoints()
			.filter(Character::isLetter)
			.allMatch((letter) -> Character.UnicodeScript.of(letter) == Character.UnicodeScript.LATIN);
	}

}
