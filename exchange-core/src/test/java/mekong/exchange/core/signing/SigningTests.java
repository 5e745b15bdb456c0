package mekong.exchange.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId LUANG_PRABANG = NodeId.of("LA-LP");

	final NodeKey sonLa = NodeKey.generate(SON_LA, "2026");

	final NodeKey luangPrabang = NodeKey.generate(LUANG_PRABANG, "2026");

	final KeyDirectory directory = new KeyDirectory(List.of(entry(this.sonLa), entry(this.luangPrabang)));

	final byte[] record = "alert 7d1f7a52 revision 1".getBytes(StandardCharsets.UTF_8);

	static KeyDirectory.Entry entry(NodeKey key) {
		return new KeyDirectory.Entry(key.node(), key.keyId(), key.publicKey());
	}

	byte[] signedBy(NodeKey key, byte[] data) {
		return new Signer(key.keyId(), key.privateKey()).sign(data);
	}

	@Test
	void signsAndVerifiesExactlyAsTheJdksEd25519DoesSoNodesOnEitherImplementationAgree() throws Exception {
		Signature jdk = Signature.getInstance("Ed25519");
		jdk.initSign(KeyFactory.getInstance("Ed25519")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(this.sonLa.privateKey()))));
		jdk.update(this.record);
		byte[] signedByJdk = jdk.sign();
		byte[] signedByUs = signedBy(this.sonLa, this.record);

		assertThat(signedByUs).isEqualTo(signedByJdk);
		jdk.initVerify(KeyFactory.getInstance("Ed25519")
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(this.sonLa.publicKey()))));
		jdk.update(this.record);
		assertThat(jdk.verify(signedByUs)).isTrue();
		assertThat(this.directory.verify(SON_LA, this.sonLa.keyId(), signedByJdk, this.record))
			.isEqualTo(Verification.VALID);
	}

	@Test
	void acceptsARecordSignedByTheNodeItClaims() {
		assertThat(this.directory.verify(SON_LA, this.sonLa.keyId(), signedBy(this.sonLa, this.record), this.record))
			.isEqualTo(Verification.VALID);
	}

	@Test
	void refusesATamperedValue() {
		byte[] signature = signedBy(this.sonLa, this.record);
		byte[] tampered = this.record.clone();
		tampered[6] ^= 1;
		assertThat(this.directory.verify(SON_LA, this.sonLa.keyId(), signature, tampered))
			.isEqualTo(Verification.BAD_SIGNATURE);
	}

	@Test
	void refusesASignatureByAKeyTheDirectoryDoesNotKnow() {
		NodeKey stranger = NodeKey.generate(SON_LA, "stolen-laptop");
		assertThat(this.directory.verify(SON_LA, stranger.keyId(), signedBy(stranger, this.record), this.record))
			.isEqualTo(Verification.UNKNOWN_KEY);
	}

	@Test
	void refusesARecordClaimingOneNodeSignedWithAnotherNodesKey() {
		assertThat(this.directory.verify(SON_LA, this.luangPrabang.keyId(), signedBy(this.luangPrabang, this.record),
				this.record))
			.isEqualTo(Verification.KEY_OF_ANOTHER_NODE);
	}

	@Test
	void refusesAnotherRecordsSignatureReplayedOnNewBytes() {
		byte[] genuine = signedBy(this.sonLa, this.record);
		byte[] forged = "alert 7d1f7a52 revision 2: CANCEL".getBytes(StandardCharsets.UTF_8);
		assertThat(this.directory.verify(SON_LA, this.sonLa.keyId(), genuine, forged))
			.isEqualTo(Verification.BAD_SIGNATURE);
	}

	@Test
	void namesTheNodeWhoseKeySignedBeforeTheRecordIsReadAndOnlyForAValidSignature() {
		byte[] signature = signedBy(this.luangPrabang, this.record);

		assertThat(this.directory.check(this.luangPrabang.keyId(), signature, this.record))
			.isEqualTo(new KeyDirectory.Signed(Verification.VALID, LUANG_PRABANG));
		assertThat(this.directory.check(this.luangPrabang.keyId(), signature,
				"another record".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(new KeyDirectory.Signed(Verification.BAD_SIGNATURE, null));
	}

	@Test
	void refusesAnUnsignedRecord() {
		assertThat(this.directory.verify(SON_LA, null, null, this.record)).isEqualTo(Verification.UNSIGNED);
	}

	@Test
	void refusesAKeyThatIsNotEd25519() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyDirectory(List.of(new KeyDirectory.Entry(SON_LA, "VN-05/bad", "bm90IGEga2V5"))))
			.withMessageContaining("The public key of VN-05/bad is not a base64 X.509 Ed25519 key");
	}

	@Test
	void neverPrintsAPrivateKey() {
		assertThat(this.sonLa.toString()).doesNotContain(this.sonLa.privateKey()).contains("******");
	}

}
