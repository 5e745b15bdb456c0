package mekong.exchange.core.agreements;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgreementTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	static final AgreementId ID = new AgreementId("VN-05~LA-HO/2023");

	@Test
	void bindsBothPartiesTheSameWay() {
		Agreement agreement = new Agreement(ID, SON_LA, HOUAPHAN, LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31),
				EnumSet.of(CrimeCategory.DRUG_TRAFFICKING));
		assertThat(agreement.binds(HOUAPHAN, SON_LA)).isTrue();
		assertThat(agreement.partnerOf(HOUAPHAN)).isEqualTo(SON_LA);
		assertThat(agreement.partnerOf(SON_LA)).isEqualTo(HOUAPHAN);
		assertThat(agreement.binds(SON_LA, SON_LA)).isFalse();
	}

	@Test
	void refusesDatesThatEndBeforeTheyStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agreement(ID, SON_LA, HOUAPHAN, LocalDate.of(2027, 1, 1), LocalDate.of(2023, 1, 1),
					EnumSet.of(CrimeCategory.DRUG_TRAFFICKING)))
			.withMessageContaining("ends (2023-01-01) before it starts (2027-01-01)");
	}

	@Test
	void refusesANodeAgreeingWithItself() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Agreement(ID, SON_LA, SON_LA, LocalDate.of(2023, 1, 1), LocalDate.of(2027, 1, 1),
					EnumSet.of(CrimeCategory.DRUG_TRAFFICKING)))
			.withMessageContaining("binds VN-05 to itself");
	}

	@Test
	void refusesAnAgreementWithoutCategories() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Agreement(ID, SON_LA, HOUAPHAN, LocalDate.of(2023, 1, 1), LocalDate.of(2027, 1, 1), Set.of()))
			.withMessageContaining("covers no crime category");
	}

}
