package dev.osimages.engine.signing;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** P-256 checks and deriving a public key from a private one (BouncyCastle's curve arithmetic). */
final class Curves {
  private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("P-256");

  private Curves() {}

  static boolean isP256(ECParameterSpec p) {
    return p.getCurve().getField().getFieldSize() == 256
        && p.getOrder().equals(P256.getN())
        && p.getGenerator().getAffineX().equals(P256.getG().getAffineXCoord().toBigInteger());
  }

  /**
   * The JDK key of a PKCS#8 structure, when it is an EC key on P-256 (named by the algorithm
   * identifier or inside the SEC 1 structure, as OpenSSL and the JDK each write it).
   */
  static PrivateKey privateKey(PrivateKeyInfo info, String where) throws IOException {
    if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      throw new EngineException(
          where
              + ": expected a PEM ECDSA P-256 private key, found algorithm "
              + info.getPrivateKeyAlgorithm().getAlgorithm(),
          ExitCode.FAILED);
    }
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    if (curve == null || !(curve instanceof ASN1ObjectIdentifier)) {
      curve = sec1.getParametersObject();
    }
    if (!SECObjectIdentifiers.secp256r1.equals(curve)) {
      throw new EngineException(
          where + ": expected a PEM ECDSA P-256 private key, found another curve", ExitCode.FAILED);
    }
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return KeyFactory.getInstance("EC")
          .generatePrivate(
              new ECPrivateKeySpec(sec1.getKey(), params.getParameterSpec(ECParameterSpec.class)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks P-256", e);
    }
  }

  static PublicKey publicKeyOf(ECPrivateKey k) {
    ECMultiplier m = new FixedPointCombMultiplier();
    var q = m.multiply(P256.getG(), k.getS()).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, k.getParams()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public key", e);
    }
  }

  /**
   * ECDSA over {@code digest} with the nonce derived from key and digest (RFC 6979, HMAC-SHA256),
   * DER-encoded as cosign and the JDK read it.
   */
  static byte[] signDeterministic(ECPrivateKey k, byte[] digest) {
    ECDomainParameters domain =
        new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(k.getS(), domain));
    BigInteger[] rs = signer.generateSignature(digest);
    try {
      return StandardDSAEncoding.INSTANCE.encode(P256.getN(), rs[0], rs[1]);
    } catch (IOException e) {
      throw new IllegalStateException("encoding an ECDSA signature", e);
    }
  }
}
