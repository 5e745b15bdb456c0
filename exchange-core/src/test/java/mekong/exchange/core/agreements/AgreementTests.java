package mekong.exchange.core.agreements;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import mekong.exchange.core.node.NodeDirectory;
import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgreementTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	static final AgreementId ID = new AgreementId("VN-05~LA-HO/2023");

	static Agreement between(NodeId one, NodeId other, String from, String to) {
		return new Agreement(new AgreementId(one + "~" + other + "/" + from), one, other, LocalDate.parse(from),
				LocalDate.parse(to), EnumSet.of(CrimeCategory.DRUG_TRAFFICKING), TrafficLight.AMBER,
				Agreement.DEFAULT_RETENTION);
	}

	@Test
	void bindsBothPartiesTheSameWay() {
		Agreement agreement = between(SON_LA, HOUAPHAN, "2023-01-01", "2027-12-31");
		assertThat(agreement.binds(HOUAPHAN, SON_LA)).isTrue();
		assertThat(agreement.partnerOf(HOUAPHAN)).isEqualTo(SON_LA);
		assertThat(agreement.partnerOf(SON_LA)).isEqualTo(HOUAPHAN);
		assertThat(agreement.binds(SON_LA, SON_LA)).isFalse();
	}

	@Test
	void allowsLabelsUpToItsHighestAndNoUnknownOne() {
		Agreement agreement = between(SON_LA, HOUAPHAN, "2023-01-01", "2027-12-31");
		assertThat(agreement.allows(TrafficLight.CLEAR)).isTrue();
		assertThat(agreement.allows(TrafficLight.AMBER)).isTrue();
		assertThat(agreement.allows(TrafficLight.AMBER_STRICT)).isFalse();
		assertThat(agreement.allows(TrafficLight.RED)).isFalse();
		assertThat(agreement.allows(null)).isFalse();
	}

	@Nested
	class IsRefusedAtStartUp {

		@Test
		void whenItEndsBeforeItStarts() {
			assertThatIllegalArgumentException().isThrownBy(() -> between(SON_LA, HOUAPHAN, "2027-01-01", "2023-01-01"))
				.withMessageContaining("ends (2023-01-01) before it starts (2027-01-01)");
		}

		@Test
		void whenANodeAgreesWithItself() {
			assertThatIllegalArgumentException().isThrownBy(() -> between(SON_LA, SON_LA, "2023-01-01", "2027-01-01"))
				.withMessageContaining("binds VN-05 to itself");
		}

		@Test
		void whenItCoversNoCategory() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new Agreement(ID, SON_LA, HOUAPHAN, LocalDate.of(2023, 1, 1),
						LocalDate.of(2027, 1, 1), Set.of(), TrafficLight.AMBER, Agreement.DEFAULT_RETENTION))
				.withMessageContaining("covers no crime category");
		}

		@Test
		void whenTwoAgreementsBetweenTheSameNodesOverlap() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new AgreementBook(List.of(between(SON_LA, HOUAPHAN, "2023-01-01", "2025-12-31"),
						between(HOUAPHAN, SON_LA, "2025-06-01", "2027-12-31"))))
				.withMessageContaining("overlap");
		}

		@Test
		void whenItNamesANodeNobodyKnows() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> NodeDirectory.requireKnown(NodeId.of("LA-ZZ"), "agreement VN-05~LA-ZZ"))
				.withMessageContaining("agreement VN-05~LA-ZZ names LA-ZZ, which is not a known node");
		}

	}

	@Test
	void mayFollowAnEarlierAgreementBetweenTheSameNodes() {
		AgreementBook book = new AgreementBook(List.of(between(SON_LA, HOUAPHAN, "2023-01-01", "2025-12-31"),
				between(HOUAPHAN, SON_LA, "2026-01-01", "2027-12-31")));
		assertThat(book.between(SON_LA, HOUAPHAN)).hasSize(2);
		assertThat(book.partnersOf(SON_LA)).containsExactly(HOUAPHAN);
	}

	@Test
	void knowsTheProvincesOfTheBorderAndTheMinistries() {
		assertThat(NodeDirectory.isKnown(NodeId.of("VN-05"))).isTrue();
		assertThat(NodeDirectory.isKnown(NodeId.of("LA-XA"))).isTrue();
		assertThat(NodeDirectory.isKnown(NodeId.of("VN-37"))).isTrue();
		assertThat(NodeDirectory.isKnown(NodeId.of("KH-25"))).isTrue();
		assertThat(NodeDirectory.isKnown(NodeId.of("LA"))).isTrue();
		assertThat(NodeDirectory.isKnown(NodeId.of("VN-08"))).isFalse();
		assertThat(NodeDirectory.codes()).hasSize(3 + 63 + 18 + 25);
	}

}
