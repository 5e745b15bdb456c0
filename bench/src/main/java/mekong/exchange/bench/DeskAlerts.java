package mekong.exchange.bench;

/**
 * The alerts of the desk API lane, as Son La's desk files them (JSON, as in
 * {@code docs/examples}): suspects, routes and seizures in turn, for Houaphan, with the
 * long case notes of {@link BenchAlerts}, IMMEDIATE one in four and otherwise ROUTINE
 * (none FLASH, so that no escalation joins the run).
 */
final class DeskAlerts {

	private static final String SUSPECTS = """
			{"officer": "Lt. Col. Lo Van Hung, Son La anti-drug task force", "priority": "%s",
			 "category": "DRUG_TRAFFICKING", "handling": {"tlp": "AMBER", "sourceReliability": "B", "infoCredibility": 2},
			 "addressees": ["LA-HO"], "language": "en",
			 "summary": "Married couple from Huoi Nha village, Vieng Xay, expected to move synthetic pills on National \
			Highway 6A between Sam Neua and Vieng Xay on 22 July 2022. Both may resist arrest.%s",
			 "payload": {"type": "SuspectAlert",
			  "persons": [
			   {"fullName": "Vang De Mua", "sex": "MALE", "birthYear": 1970, "ageAtReport": 52, "nationality": "LA",
			    "home": {"village": "Huoi Nha", "district": "Vieng Xay", "province": "Hua Phan", "adminArea": "LA-HO"},
			    "relationships": [{"kind": "spouse of", "otherPerson": "Kia Vang"}], "armedAndDangerous": true},
			   {"fullName": "Kia Vang", "sex": "FEMALE", "birthYear": 1975, "ageAtReport": 47, "nationality": "LA",
			    "home": {"village": "Huoi Nha", "district": "Vieng Xay", "province": "Hua Phan", "adminArea": "LA-HO"},
			    "relationships": [{"kind": "spouse of", "otherPerson": "Vang De Mua"}], "armedAndDangerous": true}],
			  "lastSeen": {"place": "National Highway 6A, border of Sam Neua and Vieng Xay districts",
			   "adminArea": "LA-HO", "at": "2022-07-22T01:00:00Z"}}}
			""";

	private static final String ROUTE = """
			{"officer": "Lt. Col. Lo Van Hung, Son La anti-drug task force", "priority": "%s",
			 "category": "DRUG_TRAFFICKING", "handling": {"tlp": "AMBER", "sourceReliability": "B", "infoCredibility": 2},
			 "addressees": ["LA-HO"], "language": "en",
			 "summary": "Expected route of the Huoi Nha couple: National Highway 6A from Sam Neua towards Vieng Xay, by \
			road, morning of 22 July 2022.%s",
			 "payload": {"type": "RouteAlert",
			  "waypoints": [
			   {"place": "Sam Neua", "adminArea": "LA-HO", "latitude": 20.4159, "longitude": 104.0483},
			   {"place": "National Highway 6A, Sam Neua - Vieng Xay district border", "adminArea": "LA-HO"},
			   {"place": "Vieng Xay", "adminArea": "LA-HO", "latitude": 20.4196, "longitude": 104.2347}],
			  "road": "National Highway 6A", "mode": "ROAD",
			  "expectedFrom": "2022-07-22T00:00:00Z", "expectedTo": "2022-07-22T06:00:00Z",
			  "goods": "Synthetic drug pills, heroin, opium", "linkedPersons": ["Vang De Mua", "Kia Vang"]}}
			""";

	private static final String SEIZURE = """
			{"officer": "Lt. Col. Lo Van Hung, Son La anti-drug task force", "priority": "%s",
			 "category": "DRUG_TRAFFICKING", "handling": {"tlp": "GREEN", "sourceReliability": "A", "infoCredibility": 1},
			 "addressees": ["LA-HO"], "language": "en",
			 "summary": "Joint operation with Hua Phan police on National Highway 6A: Vang De Mua (52) and Kia Vang (47) \
			arrested for illegally transporting narcotics; over 24,000 synthetic pills, 24.4 g heroin, one block of \
			opium and 1.3 million kip seized.%s",
			 "payload": {"type": "SeizureReport",
			  "location": {"place": "National Highway 6A, border of Sam Neua and Vieng Xay districts", "adminArea": "LA-HO"},
			  "seizedAt": "2022-07-22T03:00:00Z",
			  "items": [
			   {"kind": "METHAMPHETAMINE_TABLETS", "quantity": 24000, "unit": "TABLETS", "description": "synthetic drug pills"},
			   {"kind": "HEROIN", "quantity": 24.4, "unit": "GRAMS"},
			   {"kind": "OPIUM", "quantity": 1, "unit": "BLOCKS"},
			   {"kind": "CASH", "quantity": 1300000, "unit": "CURRENCY", "currency": "LAK"}],
			  "personsArrested": [
			   {"fullName": "Vang De Mua", "sex": "MALE", "ageAtReport": 52, "nationality": "LA",
			    "home": {"village": "Huoi Nha", "district": "Vieng Xay", "province": "Hua Phan", "adminArea": "LA-HO"}},
			   {"fullName": "Kia Vang", "sex": "FEMALE", "ageAtReport": 47, "nationality": "LA",
			    "home": {"village": "Huoi Nha", "district": "Vieng Xay", "province": "Hua Phan", "adminArea": "LA-HO"}}]}}
			""";

	private static final String NOTES = json(BenchAlerts.CASE_NOTES);

	private DeskAlerts() {
	}

	/** The JSON body of the {@code index}-th alert a desk files. */
	static String body(long index) {
		String template = switch ((int) (index % 3)) {
			case 0 -> SUSPECTS;
			case 1 -> ROUTE;
			default -> SEIZURE;
		};
		return template.formatted((index % 4 == 0) ? "IMMEDIATE" : "ROUTINE", NOTES);
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
	}

}
